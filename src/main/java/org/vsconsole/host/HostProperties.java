package org.vsconsole.host;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the host's trees are and which driver runs guests. Every path is a property so the
 * default run and the tests use a sandbox under the data directory, never the host's own
 * {@code /etc/vservers} unless an admin points the console there.
 *
 * @param configRoot the {@code /etc/vservers} folder
 * @param guestsRoot the {@code /var/lib/vservers} folder holding guest root trees
 * @param procRoot   the folder holding {@code virtual/} and the pid folders, normally {@code /proc}
 * @param cgroupRoot the cgroup mount root, normally {@code /sys/fs/cgroup}
 * @param driver     {@code auto}, {@code vserver}, {@code linux} or {@code read-only}
 * @param utilVserverBin where the util-vserver commands live for the {@code vserver} driver
 */
@Validated
@ConfigurationProperties("vsconsole.host")
public record HostProperties(Path configRoot, Path guestsRoot, Path procRoot, Path cgroupRoot, @Nullable String driver,
        @Nullable Path utilVserverBin) {
}

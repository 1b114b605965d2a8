package org.vsconsole.host;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the linux driver ({@code vsconsole.linux.*}).
 *
 * @param cgroupParent     console-owned cgroup under each controller holding one container cgroup per XID
 * @param bridge           the bridge guests are attached to, made and owned by the console
 * @param nat              whether guests may reach beyond the host (masquerading); off by default
 * @param packageCachePort the port of the package cache (apt-cacher-ng) on the bridge's gateway
 * @param cacheDir         where Debian base trees and the package cache live (empty: {@code <data-dir>/cache})
 * @param baseTreeMaxAge   a base tree older than this is built again before the next guest of its suite
 */
@ConfigurationProperties("vsconsole.linux")
public record LinuxProperties(
        @DefaultValue("vsconsole") String cgroupParent,
        @DefaultValue("vsbr0") String bridge,
        @DefaultValue("false") boolean nat,
        @DefaultValue("3142") int packageCachePort,
        @DefaultValue("") String cacheDir,
        @DefaultValue("7d") Duration baseTreeMaxAge) {
}

package org.vsconsole.host;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.vsconsole.host.linux.LinuxDriverSettings;

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
@Validated
@ConfigurationProperties("vsconsole.linux")
public record LinuxProperties(
        @DefaultValue("vsconsole") @Pattern(regexp = LinuxDriverSettings.CGROUP_PARENT, message = LinuxDriverSettings.CGROUP_PARENT_RULE) String cgroupParent,
        @DefaultValue("vsbr0") @Pattern(regexp = LinuxDriverSettings.BRIDGE, message = LinuxDriverSettings.BRIDGE_RULE) String bridge,
        @DefaultValue("false") boolean nat,
        @DefaultValue("3142") @Min(0) @Max(65535) int packageCachePort,
        @DefaultValue("") String cacheDir,
        @DefaultValue("7d") @DurationMin(seconds = 0, message = "must not be negative") Duration baseTreeMaxAge) {
}

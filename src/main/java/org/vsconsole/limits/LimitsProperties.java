package org.vsconsole.limits;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of limits ({@code vsconsole.limits.*}).
 *
 * @param diskUsageTimeout the longest a walk of a guest tree measuring its disk use may take
 */
@ConfigurationProperties("vsconsole.limits")
public record LimitsProperties(@DefaultValue("5s") Duration diskUsageTimeout) {
}

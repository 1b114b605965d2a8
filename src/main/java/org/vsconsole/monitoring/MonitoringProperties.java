package org.vsconsole.monitoring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the live figures and their history ({@code vsconsole.monitoring.*}).
 *
 * @param tick            how often the host and every guest are sampled (and dashboards pushed)
 * @param minuteRetention how long per-minute roll-ups are kept
 * @param hourRetention   how long per-hour roll-ups are kept
 */
@ConfigurationProperties("vsconsole.monitoring")
public record MonitoringProperties(
        @DefaultValue("1s") Duration tick,
        @DefaultValue("7d") Duration minuteRetention,
        @DefaultValue("365d") Duration hourRetention) {
}

package org.vsconsole.monitoring;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the live figures and their history ({@code vsconsole.monitoring.*}).
 *
 * @param tick            how often the host and every guest are sampled (and dashboards pushed)
 * @param minuteRetention how long per-minute roll-ups are kept
 * @param hourRetention   how long per-hour roll-ups are kept
 */
@Validated
@ConfigurationProperties("vsconsole.monitoring")
public record MonitoringProperties(
        @DefaultValue("1s") @DurationMin(millis = 100, message = "must be at least 100ms") @DurationMax(minutes = 1, message = "must be at most 1m") Duration tick,
        @DefaultValue("7d") @DurationMin(hours = 1, message = "must be at least 1h") Duration minuteRetention,
        @DefaultValue("365d") @DurationMin(hours = 1, message = "must be at least 1h") Duration hourRetention) {
}

package org.vsconsole.limits;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of limits ({@code vsconsole.limits.*}).
 *
 * @param diskUsageTimeout the longest a walk of a guest tree measuring its disk use may take
 */
@Validated
@ConfigurationProperties("vsconsole.limits")
public record LimitsProperties(
        @DefaultValue("5s") @DurationMin(millis = 100, message = "must be at least 100ms") @DurationMax(minutes = 10, message = "must be at most 10m") Duration diskUsageTimeout) {
}

package org.vsconsole.security;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of sign-in and access ({@code vsconsole.security.*}).
 *
 * @param throttleHold how long a sign-in refused by the throttle is held before it is answered, so
 *                     a flooding client cannot spin on refusals ({@link ThrottleTarpit}); 0 answers at once
 */
@Validated
@ConfigurationProperties("vsconsole.security")
public record SecurityProperties(
        @DefaultValue("1s") @DurationMin(seconds = 0, message = "must not be negative") @DurationMax(seconds = 10, message = "must be at most 10s: a held attempt occupies a request thread") Duration throttleHold) {
}

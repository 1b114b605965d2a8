package org.vsconsole.security;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sign-in and account security settings ({@code vsconsole.security.*}).
 *
 * @param requireTotp  an ADMIN without a TOTP second factor who signs in is sent to enrol one and
 *                     can do nothing else until enrolled (HTTP Basic is refused for them meanwhile),
 *                     and an ADMIN cannot disable their own
 * @param throttleHold how long a sign-in refused by the throttle is held before it is answered, so
 *                     a flooding client cannot spin on refusals ({@link ThrottleTarpit}); 0 answers at once
 */
@Validated
@ConfigurationProperties("vsconsole.security")
public record SecurityProperties(
        @DefaultValue("false") boolean requireTotp,
        @DefaultValue("1s") @DurationMin(seconds = 0, message = "must not be negative") @DurationMax(seconds = 10, message = "must be at most 10s: a held attempt occupies a request thread") Duration throttleHold) {
}

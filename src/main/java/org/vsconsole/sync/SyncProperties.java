package org.vsconsole.sync;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the registry's sync with the config tree ({@code vsconsole.sync.*}).
 *
 * @param autoAdopt          take guests made by hand as managed at once instead of unmanaged until adopted
 * @param reconcileInterval  how often every guest is reconciled, besides the watcher's events
 * @param debounce           how long a guest must be quiet after an event before it is reconciled
 * @param watch              whether the config tree is watched for changes (else the interval alone finds them)
 * @param testPauseAfterIntent a pause after an action's intent is written, so a test can kill the
 *                           console mid-action; 0 outside such tests
 */
@Validated
@ConfigurationProperties("vsconsole.sync")
public record SyncProperties(
        @DefaultValue("false") boolean autoAdopt,
        @DefaultValue("60s") @DurationMin(seconds = 1, message = "must be at least 1s") Duration reconcileInterval,
        @DefaultValue("250ms") @DurationMin(millis = 0, message = "must not be negative") @DurationMax(seconds = 60, message = "must be at most 60s") Duration debounce,
        @DefaultValue("true") boolean watch,
        @DefaultValue("0s") @DurationMin(millis = 0, message = "must not be negative") Duration testPauseAfterIntent) {
}

package org.vsconsole.terminal;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of guest terminals ({@code vsconsole.terminal.*}).
 *
 * @param idleTimeout  a session with no keystroke for this long is closed
 * @param maxDuration  a session is closed this long after it opened, whatever happens in it
 * @param detachGrace  how long a session outlives its browser page (a reload or a network blip)
 * @param recordInput  whether keystrokes go into the recording too ({@code "i"} events); off by
 *                     default as they carry passwords typed at prompts
 * @param retention    recordings older than this are deleted (their audit rows stay)
 */
@Validated
@ConfigurationProperties("vsconsole.terminal")
public record TerminalProperties(
        @DefaultValue("30m") @DurationMin(seconds = 10, message = "must be at least 10s") Duration idleTimeout,
        @DefaultValue("8h") @DurationMin(minutes = 1, message = "must be at least 1m") Duration maxDuration,
        @DefaultValue("2m") @DurationMin(seconds = 0, message = "must not be negative") Duration detachGrace,
        @DefaultValue("false") boolean recordInput,
        @DefaultValue("90d") @DurationMin(days = 1, message = "must be at least 1d") Duration retention) {

    /**
     * Why a session of this age, idle time and time without a page must close now, or empty.
     * The maximum time wins over idleness, which wins over a missing page, so the audit row
     * names the limit that mattered.
     */
    java.util.Optional<String> reasonToClose(Duration age, Duration idle, Duration detached) {
        if (age.compareTo(maxDuration) > 0) {
            return java.util.Optional.of("reached the maximum session time of " + maxDuration);
        }
        if (idle.compareTo(idleTimeout) > 0) {
            return java.util.Optional.of("idle for " + idleTimeout);
        }
        if (detached.compareTo(detachGrace) > 0) {
            return java.util.Optional.of("no page came back within " + detachGrace);
        }
        return java.util.Optional.empty();
    }
}

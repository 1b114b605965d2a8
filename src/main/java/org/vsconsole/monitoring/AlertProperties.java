package org.vsconsole.monitoring;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of alerts ({@code vsconsole.alerts.*}).
 *
 * @param cooldown  a rule that fired for a guest stays quiet this long before it fires again
 * @param stopGrace a guest stopped by the console is not reported as stopped unexpectedly for this long
 * @param mailTo    where alerts are mailed (empty: no mail); needs {@code spring.mail.*}
 * @param mailFrom  the sender of alert mails
 */
@Validated
@ConfigurationProperties("vsconsole.alerts")
public record AlertProperties(
        @DefaultValue("5m") @DurationMin(seconds = 0, message = "must not be negative") Duration cooldown,
        @DefaultValue("30s") @DurationMin(seconds = 0, message = "must not be negative") Duration stopGrace,
        @DefaultValue("") @Pattern(regexp = MAIL_LIST, message = "must be empty or mail addresses separated by commas") String mailTo,
        @DefaultValue("vserver-console@localhost") @NotBlank @Pattern(regexp = MAIL, message = "must be one mail address") String mailFrom) {

    /** Loose on purpose: the mail server decides what it delivers; this keeps out lists, spaces and headers. */
    static final String MAIL = "[^\\s,@<>]+@[^\\s,@<>]+";
    static final String MAIL_LIST = "|" + MAIL + "(\\s*,\\s*" + MAIL + ")*";
}

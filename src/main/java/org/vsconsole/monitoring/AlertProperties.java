package org.vsconsole.monitoring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of alerts ({@code vsconsole.alerts.*}).
 *
 * @param cooldown  a rule that fired for a guest stays quiet this long before it fires again
 * @param stopGrace a guest stopped by the console is not reported as stopped unexpectedly for this long
 * @param mailTo    where alerts are mailed (empty: no mail); needs {@code spring.mail.*}
 * @param mailFrom  the sender of alert mails
 */
@ConfigurationProperties("vsconsole.alerts")
public record AlertProperties(
        @DefaultValue("5m") Duration cooldown,
        @DefaultValue("30s") Duration stopGrace,
        @DefaultValue("") String mailTo,
        @DefaultValue("vserver-console@localhost") String mailFrom) {
}

package org.vsconsole.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Audit settings ({@code vsconsole.audit.*}).
 *
 * @param syslogAnchor also send the head of the audit chain (sequence and hash of the newest row)
 *                     to the system log through {@code logger} (journald or syslog), as a second
 *                     anchor outside the data directory: whoever cuts rows off the log and rewrites
 *                     the anchor file must then also rewrite the system log
 */
@Validated
@ConfigurationProperties("vsconsole.audit")
public record AuditProperties(@DefaultValue("false") boolean syslogAnchor) {
}

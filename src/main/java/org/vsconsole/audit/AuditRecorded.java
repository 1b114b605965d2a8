package org.vsconsole.audit;

/**
 * Published in-process after an audit row is committed, so features can react to what happened
 * (e.g. alerts telling a console stop from a guest that died) without querying the log.
 */
public record AuditRecorded(AuditEvent event) {
}

package org.vsconsole.audit;

import org.jspecify.annotations.Nullable;

/**
 * What an action was aimed at: a guest (name and XID when known) and/or a free-form detail such
 * as the user name an account change was about.
 */
public record AuditTarget(@Nullable String guest, @Nullable Integer xid, @Nullable String detail) {

    public static final AuditTarget NONE = new AuditTarget(null, null, null);

    public static AuditTarget guest(@Nullable String name, @Nullable Integer xid) {
        return new AuditTarget(name, xid, null);
    }

    public static AuditTarget detail(@Nullable String detail) {
        return new AuditTarget(null, null, detail);
    }
}

package org.vsconsole.audit;

import org.jspecify.annotations.Nullable;
import org.vsconsole.host.config.HostGrammar;

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

    /** A managed host (added or removed), as {@link AuditHosts} reads it back. */
    public static AuditTarget host(@Nullable String host) {
        return detail("host " + AuditHosts.shown(host, isHostName(host)));
    }

    /**
     * A guest of a managed host. Named in the detail, not as a guest of this console: this host's
     * crash recovery reads guest targets and must not mistake a guest elsewhere for one of its own.
     */
    public static AuditTarget guestOnHost(@Nullable String host, @Nullable String guest) {
        return detail("guest " + AuditHosts.shown(guest, HostGrammar.isGuestName(guest)) + " on host "
                + AuditHosts.shown(host, isHostName(host)));
    }

    private static boolean isHostName(@Nullable String host) {
        return host != null && HostGrammar.MANAGED_HOST_NAME.matcher(host).matches();
    }
}

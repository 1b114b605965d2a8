package org.vsconsole.terminal;

import org.jspecify.annotations.Nullable;
import org.vsconsole.audit.AuditTarget;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.config.HostGrammar;

/**
 * The guest a terminal is in: one of this host's by name, or one of a managed host's as
 * {@code host/name}, the way owner lists name it. Sessions and recordings keep that one string;
 * the audit names another host's guest in its detail, never as a guest of this host.
 *
 * @param host null for this host
 */
record TerminalTarget(@Nullable String host, String guest) {

    /** Reads {@code ref}; refuses anything that is neither kind of name. */
    static TerminalTarget of(@Nullable String ref) {
        if (ref != null && ref.indexOf('/') > 0 && HostGrammar.isOwnedGuestRef(ref)) {
            int slash = ref.indexOf('/');
            return new TerminalTarget(ref.substring(0, slash), ref.substring(slash + 1));
        }
        if (ref == null || !HostGrammar.isHostGuestName(ref)) {
            throw new InvalidInputException("guest", "not a guest name, nor host/name for a guest of a managed host");
        }
        return new TerminalTarget(null, ref);
    }

    boolean local() {
        return host == null;
    }

    String ref() {
        return host == null ? guest : HostGrammar.guestOnHost(host, guest);
    }

    AuditTarget audit(@Nullable Integer xid) {
        return host == null ? AuditTarget.guest(guest, xid) : AuditTarget.guestOnHost(host, guest);
    }

    /** What the page calls it. */
    String shown() {
        return host == null ? guest : guest + " on " + host;
    }
}

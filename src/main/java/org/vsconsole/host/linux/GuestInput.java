package org.vsconsole.host.linux;

import java.util.regex.Pattern;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.config.HostGrammar;

/**
 * The last check before values leave Java: they were validated by the host model already, but a
 * size ends up inside a mount option string and names inside the kernel, so the driver checks
 * the shapes it relies on once more.
 */
final class GuestInput {

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,62})");
    private static final int MIN_XID = 2;
    private static final int MAX_XID = 49151;

    private GuestInput() {
    }

    static void check(String operation, GuestSpec guest) {
        if (guest.xid() < MIN_XID || guest.xid() > MAX_XID) {
            throw fail(operation, guest, "context id " + guest.xid() + " is outside 2..49151");
        }
        if (guest.nodename() == null || !HOST_NAME.matcher(guest.nodename()).matches()) {
            throw fail(operation, guest, "invalid node name: " + guest.nodename());
        }
        if (guest.domainname() != null && !HOST_NAME.matcher(guest.domainname()).matches()) {
            throw fail(operation, guest, "invalid domain name: " + guest.domainname());
        }
        if (guest.tmpSize() != null && !HostGrammar.isTmpfsSizeOption(guest.tmpSize())) {
            throw fail(operation, guest, "invalid /tmp size: " + guest.tmpSize());
        }
        if (!guest.rootDir().isAbsolute()) {
            throw fail(operation, guest, "guest root must be an absolute path: " + guest.rootDir());
        }
    }

    private static HostOperationException fail(String operation, GuestSpec guest, String message) {
        return new HostOperationException(operation, guest.name(), message);
    }
}

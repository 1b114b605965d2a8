package org.vsconsole.guests;

import java.util.List;
import java.util.Objects;
import org.vsconsole.base.ActionRefusedException;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.ContextConflicts;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.HostGrammar;
import org.vsconsole.host.config.InterfaceEntry;

/**
 * Two guests may name the same address in their trees (one kept as a spare, say), but only one
 * may run with it: a second context answering for a running guest's address takes its traffic.
 */
final class SharedAddresses {

    private SharedAddresses() {
    }

    /** Refuses to start {@code guest} while another running guest has one of its addresses. */
    static void refuseIfRunningElsewhere(GuestConfig guest, ContextConflicts host) {
        for (String address : addresses(guest)) {
            for (GuestConfig other : host.guests()) {
                if (!other.name().equals(guest.name()) && host.runs(other)
                        && addresses(other).stream().anyMatch(a -> sameAddress(a, address))) {
                    throw new ActionRefusedException("ip", "address " + address + " is also claimed by guest "
                            + other.name() + ", which is running");
                }
            }
        }
    }

    /** The addresses a start brings up: enabled entries with an address, as the drivers read them. */
    private static List<String> addresses(GuestConfig guest) {
        return guest.interfaces().stream().filter(i -> !i.disabled()).map(InterfaceEntry::ip).filter(Objects::nonNull)
                .toList();
    }

    /** By value, so {@code ::1} and {@code 0::1} are one address. */
    private static boolean sameAddress(String a, String b) {
        try {
            return HostGrammar.ipAddress(a).sameAddress(HostGrammar.ipAddress(b));
        } catch (InvalidInputException e) {
            // an address the parser rejects carries a warning on the guest; compare its text
            return a.equals(b);
        }
    }
}

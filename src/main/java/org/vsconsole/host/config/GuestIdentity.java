package org.vsconsole.host.config;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The few values that must be unique across guests: the static context and the addresses.
 * Read on their own (two or three files per guest) so uniqueness checks stay cheap on hosts
 * with many guests.
 *
 * @param context   parsed {@code context}, or null when absent or unusable
 * @param addresses interface id → {@code ip} text as on disk
 */
public record GuestIdentity(String name, @Nullable Integer context, Map<String, String> addresses) {

    public GuestIdentity {
        addresses = Map.copyOf(addresses);
    }

    static GuestIdentity of(GuestConfig g) {
        Map<String, String> a = new java.util.TreeMap<>();
        for (InterfaceEntry e : g.interfaces()) {
            if (e.ip() != null) {
                a.put(e.id(), e.ip());
            }
        }
        return new GuestIdentity(g.name(), g.context(), a);
    }
}

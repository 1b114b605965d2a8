package org.vsconsole.host.agent;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.InterfaceEntry;

/**
 * The settings of a managed host's guest a console edits there, as that host's agent read them,
 * with the digest a change must name so it never overwrites an edit made there meanwhile.
 */
public record HostGuestSettings(String name, @Nullable Integer context, @Nullable String nodename, @Nullable String domainname,
        List<InterfaceEntry> interfaces, String digest) {

    public HostGuestSettings {
        interfaces = List.copyOf(interfaces);
    }

    static HostGuestSettings of(GuestConfig config) {
        return new HostGuestSettings(config.name(), config.context(), config.nodename(), config.domainname(), config.interfaces(),
                config.digest());
    }

    /** The interface entry {@code id}, or null. */
    public @Nullable InterfaceEntry interfaceById(String id) {
        return interfaces.stream().filter(i -> i.id().equals(id)).findFirst().orElse(null);
    }
}

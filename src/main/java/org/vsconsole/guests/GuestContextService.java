package org.vsconsole.guests;

import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.vsconsole.host.ContextDetails;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.monitoring.GuestLive;
import org.vsconsole.monitoring.Sampler;
import org.vsconsole.security.CurrentUser;
import org.vsconsole.security.Role;

/**
 * The details of a guest's running context ({@code cvirt}, {@code sched}, {@code cacct},
 * {@code status}) as the driver reads them. Whoever may see the guest gets the parsed figures; the
 * raw {@code /proc/virtual/<xid>/} files (pointers, capability words, namespaces of the host) only
 * an ADMIN. A guest whose context another guest holds gets nothing: those figures are the holder's.
 */
@Service
public class GuestContextService {

    /** A guest's context as the page and the API show it. */
    public record ContextView(String guest, boolean running, String driver, Integer staticContext, ContextDetails details) {
    }

    private final GuestService guests;
    private final Sampler sampler;
    private final CurrentUser currentUser;

    GuestContextService(GuestService guests, Sampler sampler, CurrentUser currentUser) {
        this.guests = guests;
        this.sampler = sampler;
        this.currentUser = currentUser;
    }

    @PreAuthorize("@currentUser.maySee(#name)")
    public ContextView details(String name) {
        // the sampler's copy (re-read when the tree changes): the tab asks at every tick
        GuestConfig config = sampler.guestConfig(name).orElseGet(() -> guests.config(name));
        GuestLive live = sampler.latest().guest(name);
        String driver = guests.driverName();
        if (live != null && live.conflict() != null) {
            return new ContextView(name, false, driver, config.context(), null);
        }
        Optional<ContextDetails> details = guests.runningSpec(config).flatMap(spec -> guests.driver().contextDetails(spec));
        if (!currentUser.hasRole(Role.ADMIN)) {
            details = details.map(ContextDetails::withoutRawFiles);
        }
        return new ContextView(name, details.isPresent(), driver, config.context(), details.orElse(null));
    }
}

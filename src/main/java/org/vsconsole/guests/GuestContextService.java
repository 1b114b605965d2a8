package org.vsconsole.guests;

import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.vsconsole.host.ContextDetails;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.GuestSpecs;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.HostProperties;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.monitoring.GuestLive;
import org.vsconsole.monitoring.Sampler;
import org.vsconsole.security.CurrentUser;
import org.vsconsole.security.Role;
import org.jspecify.annotations.Nullable;

/**
 * The details of a guest's running context ({@code cvirt}, {@code sched}, {@code cacct},
 * {@code status}) as the driver reads them. Whoever may see the guest gets the parsed figures; the
 * raw {@code /proc/virtual/<xid>/} files (pointers, capability words, namespaces of the host) only
 * an ADMIN. A guest whose context another guest holds gets nothing: those figures are the holder's.
 */
@Service
public class GuestContextService {

    /** A guest's context as the page and the API show it. */
    public record ContextView(String guest, boolean running, String driver, @Nullable Integer staticContext,
            @Nullable ContextDetails details) {
    }

    private final GuestService guests;
    private final Sampler sampler;
    private final CurrentUser currentUser;
    private final HostDriver driver;
    private final HostProperties host;

    GuestContextService(GuestService guests, Sampler sampler, CurrentUser currentUser, HostDriver driver, HostProperties host) {
        this.driver = driver;
        this.host = host;
        this.guests = guests;
        this.sampler = sampler;
        this.currentUser = currentUser;
    }

    @PreAuthorize("@currentUser.maySee(#name)")
    public ContextView details(String name) {
        // the sampler's copy (re-read when the tree changes): the tab asks at every tick
        GuestConfig config = sampler.guestConfig(name).orElseGet(() -> guests.config(name));
        GuestLive live = sampler.latest().guest(name);
        String driverName = driver.name();
        if (live != null && live.conflict() != null) {
            return new ContextView(name, false, driverName, config.context(), null);
        }
        Optional<ContextDetails> details = runningSpec(config).flatMap(driver::contextDetails);
        if (!currentUser.hasRole(Role.ADMIN)) {
            details = details.map(ContextDetails::withoutRawFiles);
        }
        return new ContextView(name, details.isPresent(), driverName, config.context(), details.orElse(null));
    }

    /**
     * The spec of a guest for reading its running context: its static context, or the dynamic one
     * it runs on now; empty when it has neither.
     */
    private Optional<GuestSpec> runningSpec(GuestConfig config) {
        GuestSpec s = GuestSpecs.from(config, host.guestsRoot());
        if (config.context() != null) {
            return Optional.of(s);
        }
        java.util.OptionalInt dynamic = driver.dynamicContext(config.configDir());
        if (dynamic.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(s.withXid(dynamic.getAsInt()));
    }
}

package org.vsconsole.guests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.vsconsole.audit.Actor;
import org.vsconsole.base.ConsoleProperties;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.HostProperties;
import org.vsconsole.host.proc.HostProcReader;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.GuestConfigReader;

/**
 * What util-vserver's {@code vserver-startup} does at boot: after the host booted, start every
 * guest whose {@code apps/init/mark} names one of the host's marks ({@code vsconsole.boot.marks},
 * comma-separated, default {@code default}), in ascending context order. Each start goes through
 * {@link GuestService#start} as the actor {@code system (boot)}, so the guest lock, the intent and
 * the audit row are those of a user's start; one guest failing is audited and the others still
 * start. A console restarted on a host that did not boot starts nothing.
 *
 * <p>Runs after the registry is loaded and reconciled ({@code SyncStartup}).
 */
@Component
@Order(3)
class BootAutostart implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootAutostart.class);

    private final GuestService guests;
    private final GuestConfigReader configs;
    private final HostDriver driver;
    private final Set<String> hostMarks;
    private final HostBootId bootId;

    BootAutostart(GuestService guests, GuestConfigReader configs, HostDriver driver,
            HostProperties host, ConsoleProperties console, BootProperties settings) {
        this.guests = guests;
        this.configs = configs;
        this.driver = driver;
        this.hostMarks = settings.marks().stream().map(String::strip).filter(m -> !m.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.bootId = new HostBootId(new HostProcReader(host.procRoot()),
                console.dataDir().resolve(Path.of("run", "boot-id")));
    }

    @Override
    public void run(ApplicationArguments args) {
        startMarkedGuestsIfBooted(bootId);
    }

    /** Starts the marked guests when {@code boot} says the host booted since the last look; returns those started. */
    List<String> startMarkedGuestsIfBooted(HostBootId boot) {
        String now;
        Optional<String> last;
        try {
            now = boot.current();
            last = boot.recorded();
            // Noted before any start: a console restarted in the middle of this pass (a crash, a
            // kill) must not start guests again that someone may have stopped in between.
            boot.record(now);
        } catch (IOException e) {
            log.warn("Cannot tell whether the host booted ({}); marked guests are not started", e.getMessage());
            return List.of();
        }
        if (last.isEmpty()) {
            // No earlier boot id: a first start or a lost data directory, which a restart cannot be told from.
            log.info("No boot id recorded before; marked guests are started from the host's next boot on");
            return List.of();
        }
        if (last.get().equals(now)) {
            return List.of();
        }
        Optional<String> readOnly = driver.readOnlyReason();
        if (readOnly.isPresent()) {
            log.warn("The host booted, but marked guests cannot be started here: {}", readOnly.get());
            return List.of();
        }
        return asBootActor(this::startMarkedGuests);
    }

    private List<String> startMarkedGuests() {
        List<GuestConfig> marked = configs.readAllGuests().stream()
                .filter(g -> g.init().marks().stream().anyMatch(hostMarks::contains))
                .sorted(Comparator.comparing(GuestConfig::context, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(GuestConfig::name))
                .toList();
        log.info("The host booted: starting {} guest(s) marked {}", marked.size(), hostMarks);
        List<String> started = new ArrayList<>();
        for (GuestConfig guest : marked) {
            if (alreadyRunning(guest.name())) {
                continue;
            }
            try {
                guests.start(guest.name());
                started.add(guest.name());
            } catch (RuntimeException e) {
                // Already audited by the start itself; the next guest must not depend on this one.
                log.warn("Starting {} at boot failed: {}", guest.name(), e.getMessage());
            }
        }
        return started;
    }

    private boolean alreadyRunning(String guest) {
        try {
            return guests.isRunning(guest);
        } catch (RuntimeException e) {
            // e.g. no context configured: the start is attempted, and refused with the reason in the audit log
            return false;
        }
    }

    /**
     * Runs as {@code system (boot)} with the operator's right to start guests, which is all this
     * pass does; the audit rows name that actor.
     */
    private static <T> T asBootActor(Supplier<T> work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext boot = SecurityContextHolder.createEmptyContext();
        boot.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(Actor.BOOT.name(), null,
                AuthorityUtils.createAuthorityList("ROLE_OPERATOR")));
        SecurityContextHolder.setContext(boot);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}

package org.vsconsole.guests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditedAction;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.ContextOccupants;
import org.vsconsole.host.ExecResult;
import org.vsconsole.host.GuestProcess;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.TerminalSession;
import org.vsconsole.host.TerminalSize;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.sync.SyncService;
import org.jspecify.annotations.Nullable;

/**
 * What runs inside a guest: its processes, signals to them, a command, a terminal. Apart from
 * {@link GuestService} because these reach into a running context the tenant controls, so each
 * refuses a guest whose context another guest holds at the moment of the call, not at the last
 * snapshot; the guest's own state (start, stop, delete) is GuestService's.
 */
@Service
public class GuestProcessService {

    static final Duration EXEC_TIMEOUT = Duration.ofMinutes(2);

    private final GuestService guests;
    private final HostDriver driver;
    private final AuditService audit;
    private final ContextOccupants occupants;
    private final SyncService sync;

    GuestProcessService(GuestService guests, HostDriver driver, AuditService audit, ContextOccupants occupants,
            SyncService sync) {
        this.sync = sync;
        this.guests = guests;
        this.driver = driver;
        this.audit = audit;
        this.occupants = occupants;
    }

    /** Runs a command inside the running guest (ADMIN and OPERATOR only), streaming its output. */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR') and @currentUser.maySee(#name)")
    @AuditedAction(AuditActions.GUEST_EXEC)
    public ExecResult exec(String name, @Nullable List<String> argv, Consumer<String> output) {
        GuestConfig config = guests.config(name);
        if (argv == null || argv.isEmpty() || argv.getFirst().isBlank()) {
            throw new InvalidInputException("command", "enter a command to run");
        }
        for (String arg : argv) {
            if (arg.indexOf('\0') >= 0) {
                throw new InvalidInputException("command", "arguments cannot contain NUL characters");
            }
        }
        Map<String, Object> before = Map.of("command", argv);
        return audit.audited(AuditActions.GUEST_EXEC, GuestService.target(config), before, () -> {
            occupants.now().refuseIfInConflict(name);
            sync.refuseIfUnmanaged(name);
            return driver.exec(guests.spec(config), argv, output, EXEC_TIMEOUT);
        });
    }

    /**
     * A login shell in the running guest under a pty. The terminal feature decides who may have
     * one and audits it; this only refuses what is never allowed (another's guest, a conflict).
     */
    @PreAuthorize("@currentUser.mayOperate(#name)")
    public TerminalSession openTerminal(String name, TerminalSize size) {
        GuestConfig config = guests.config(name);
        occupants.now().refuseIfInConflict(name);
        sync.refuseIfUnmanaged(name);
        return driver.openTerminal(guests.spec(config), size);
    }

    /** The guest's processes; none for a guest in conflict, as the context's processes are another guest's. */
    @PreAuthorize("@currentUser.maySee(#name)")
    public List<GuestProcess> processes(String name) {
        GuestConfig config = guests.config(name);
        if (occupants.now().of(name).isPresent()) {
            return List.of();
        }
        return driver.processes(guests.spec(config));
    }

    /** One process of one of the host's guests, for the host-wide list. */
    public record HostProcess(String guest, @Nullable Integer xid, GuestProcess process) {
    }

    /**
     * Every process of every running guest the user may see, as {@code vps -e} lists the host's
     * contexts: one question to the driver per running guest, none for stopped ones.
     */
    @PreAuthorize("isAuthenticated()")
    public List<HostProcess> everyGuestsProcesses() {
        List<HostProcess> all = new ArrayList<>();
        for (GuestSummary guest : guests.list()) {
            if (guest.state() != GuestState.RUNNING) {
                continue;
            }
            try {
                for (GuestProcess p : processes(guest.name())) {
                    all.add(new HostProcess(guest.name(), guest.xid(), p));
                }
            } catch (RuntimeException gone) {
                // stopped or removed between the list and the question: it has no processes to show
            }
        }
        return all;
    }

    /**
     * Sends a signal to one process of the guest, as {@code vkill} does, and answers the signal
     * sent. The driver checks again, against the kernel, that the process is in the guest's context.
     */
    @PreAuthorize("@currentUser.mayOperate(#name)")
    @AuditedAction(AuditActions.GUEST_KILL)
    public GuestSignal kill(String name, int pid, @Nullable String signalName) {
        GuestConfig config = guests.config(name);
        GuestSignal signal = GuestSignal.parse(signalName);
        if (pid < 1) {
            throw new InvalidInputException("pid", "must be a process id of the guest");
        }
        return audit.audited(AuditActions.GUEST_KILL, GuestService.target(config),
                Map.of("pid", pid, "signal", signal.name()), () -> {
                    occupants.now().refuseIfInConflict(name);
                    sync.refuseIfUnmanaged(name);
                    driver.kill(guests.spec(config), pid, signal.number());
                    return signal;
                });
    }

    /**
     * Sends a signal to every process of the guest, as {@code vkill --xid} does (KILL ends the
     * guest the hard way), and answers how many processes it reached; a process that ended in
     * between is not counted.
     */
    @PreAuthorize("@currentUser.mayOperate(#name)")
    @AuditedAction(AuditActions.GUEST_SIGNAL_ALL)
    public SignalledAll signalAll(String name, @Nullable String signalName) {
        GuestConfig config = guests.config(name);
        GuestSignal signal = GuestSignal.parse(signalName);
        return audit.audited(AuditActions.GUEST_SIGNAL_ALL, GuestService.target(config), Map.of("signal", signal.name()), () -> {
            occupants.now().refuseIfInConflict(name);
            sync.refuseIfUnmanaged(name);
            var spec = guests.spec(config);
            int sent = 0;
            for (GuestProcess p : driver.processes(spec)) {
                try {
                    driver.kill(spec, p.pid(), signal.number());
                    sent++;
                } catch (HostOperationException gone) {
                    // ended between the list and the signal
                }
            }
            return new SignalledAll(signal, sent);
        });
    }

    /** The signal sent to every process of a guest, and how many processes it reached. */
    public record SignalledAll(GuestSignal signal, int processes) {
    }
}

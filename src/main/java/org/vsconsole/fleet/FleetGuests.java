package org.vsconsole.fleet;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditTarget;
import org.vsconsole.audit.AuditedAction;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.agent.AgentHostDriver;
import org.vsconsole.host.agent.HostGuest;

/**
 * What staff see and do across hosts: each host's state and guests, and starting and stopping a
 * managed host's guest. The agent there resolves the guest from its own config, so the console
 * sends a name only; the audit row names the host beside the guest.
 */
@Service
public class FleetGuests {

    private static final Pattern GUEST = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Fleet fleet;
    private final AuditService audit;

    FleetGuests(Fleet fleet, AuditService audit) {
        this.fleet = fleet;
        this.audit = audit;
    }

    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR','AUDITOR')")
    public List<HostStatus> hosts() {
        return fleet.statuses();
    }

    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR','AUDITOR')")
    public HostStatus host(String name) {
        return fleet.status(name).orElseThrow(() -> new InvalidInputException("host", "no host '" + name + "'"));
    }

    @PreAuthorize("hasRole('ADMIN')")
    public String authorizedKeysLine() {
        return fleet.authorizedKeysLine();
    }

    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @AuditedAction(AuditActions.GUEST_START)
    public HostGuest start(String host, String guest) {
        return act(AuditActions.GUEST_START, host, guest, agent -> agent.start(guest));
    }

    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @AuditedAction(AuditActions.GUEST_STOP)
    public HostGuest stop(String host, String guest) {
        return act(AuditActions.GUEST_STOP, host, guest, agent -> agent.stop(guest, STOP_TIMEOUT));
    }

    /**
     * The audit row names the guest in its detail, not as a guest of this console: this host's
     * crash recovery reads guest targets and must not mistake a guest elsewhere for one of its own.
     */
    private HostGuest act(String action, String host, String guest, java.util.function.Consumer<AgentHostDriver> work) {
        HostGuest[] result = new HostGuest[1];
        audit.audited(action, AuditTarget.detail("guest " + shown(guest) + " on host " + shown(host)),
                Map.of("running", running(host, guest)), () -> {
                    remoteGuest(host, guest);
                    work.accept(fleet.agent(host));
                    fleet.lookAgain(host);
                    result[0] = remoteGuest(host, guest);
                    return Map.of("running", result[0].running());
                });
        return result[0];
    }

    /** A guest the managed host {@code host} listed at the last look. */
    private HostGuest remoteGuest(String host, String guest) {
        if (host.equals(HostFields.LOCAL)) {
            throw new InvalidInputException("host", "this host's guests are started and stopped on their own pages");
        }
        HostStatus status = host(host);
        if (!GUEST.matcher(guest).matches()) {
            throw new InvalidInputException("guest", "a guest name: 1-63 lower-case letters, digits, '.', '_' or '-'");
        }
        return status.guests().stream().filter(g -> g.name().equals(guest)).findFirst()
                .orElseThrow(() -> new InvalidInputException("guest", "no guest '" + guest + "' on host " + host));
    }

    private String running(String host, String guest) {
        return fleet.status(host).flatMap(s -> s.guests().stream().filter(g -> g.name().equals(guest)).findFirst())
                .map(g -> String.valueOf(g.running())).orElse("unknown");
    }

    private static String shown(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}

package org.vsconsole.fleet;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditTarget;
import org.vsconsole.audit.AuditedAction;
import org.vsconsole.base.ActionRefusedException;
import org.vsconsole.base.Formats;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.agent.SshAgentConnector;

/**
 * Adding and removing managed hosts. A host is added only with the fingerprint of the key it
 * shows at that moment, which the admin confirmed: the key is fetched again when the host is
 * saved, so a host whose key changed between the look and the click is refused, not trusted.
 */
@Service
public class HostRegistry {

    static final int MAX_HOSTS = 200;

    private final ManagedHostRepository repository;
    private final Fleet fleet;
    private final AuditService audit;
    private final FleetProperties properties;
    private final Clock clock = Clock.systemUTC();

    HostRegistry(ManagedHostRepository repository, Fleet fleet, AuditService audit, FleetProperties properties) {
        this.repository = repository;
        this.fleet = fleet;
        this.audit = audit;
        this.properties = properties;
    }

    /** The fingerprint of the key the SSH server at {@code address:port} shows, for the admin to compare first. */
    @PreAuthorize("hasRole('ADMIN')")
    public String probe(@Nullable String address, @Nullable Integer port) {
        String a = HostFields.address(address);
        int p = HostFields.port(port);
        return fingerprintAt(a, p, "address");
    }

    @PreAuthorize("hasRole('ADMIN')")
    public List<ManagedHost> hosts() {
        return repository.all();
    }

    @PreAuthorize("hasRole('ADMIN')")
    @AuditedAction(AuditActions.HOST_ADD)
    public ManagedHost add(@Nullable String host, @Nullable String address, @Nullable Integer port, @Nullable String user,
            @Nullable String fingerprint) {
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("name", shortened(host));
        before.put("address", shortened(address));
        before.put("port", port);
        before.put("user", shortened(user));
        before.put("fingerprint", shortened(fingerprint));
        ManagedHost[] added = new ManagedHost[1];
        audit.audited(AuditActions.HOST_ADD, AuditTarget.host(host), before, () -> {
            String n = HostFields.name(host);
            String a = HostFields.address(address);
            int p = HostFields.port(port);
            String u = HostFields.user(user);
            String f = HostFields.fingerprint(fingerprint);
            if (repository.find(n).isPresent()) {
                throw new InvalidInputException("name", "a host named '" + n + "' is already managed");
            }
            if (repository.addressTaken(a, p)) {
                throw new InvalidInputException("address", a + ":" + p + " is already managed under another name");
            }
            if (repository.all().size() >= MAX_HOSTS) {
                throw new InvalidInputException("name", "at most " + MAX_HOSTS + " managed hosts");
            }
            String shown = fingerprintAt(a, p, "fingerprint");
            if (!shown.equals(f)) {
                throw new ActionRefusedException("fingerprint", "the host now shows the key " + shown + ", not the " + f
                        + " confirmed; compare it on the host (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) before"
                        + " trusting it");
            }
            ManagedHost managed = new ManagedHost(n, a, p, u, f, actor(), clock.instant().truncatedTo(ChronoUnit.SECONDS));
            repository.insert(managed);
            added[0] = managed;
            fleet.connect(managed);
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("name", n);
            after.put("address", a);
            after.put("port", p);
            after.put("user", u);
            after.put("fingerprint", f);
            return after;
        });
        return added[0];
    }

    /** Forgets a host: its guests keep running there; the console no longer reaches it. */
    @PreAuthorize("hasRole('ADMIN')")
    @AuditedAction(AuditActions.HOST_REMOVE)
    public void remove(String host, @Nullable String confirm) {
        audit.audited(AuditActions.HOST_REMOVE, AuditTarget.host(host), Map.of("confirm",
                String.valueOf(shortened(confirm))), () -> {
                    String n = HostFields.name(host);
                    ManagedHost managed = repository.find(n)
                            .orElseThrow(() -> new InvalidInputException("host", "no managed host '" + n + "'"));
                    if (!n.equals(confirm)) {
                        throw new InvalidInputException("confirm", "type the host's name, '" + n + "', to remove it");
                    }
                    repository.delete(n);
                    fleet.disconnect(n);
                    return Map.of("removed", n, "address", managed.address() + ":" + managed.port());
                });
    }

    private String fingerprintAt(String address, int port, String field) {
        try {
            return SshAgentConnector.probeHostKey(new SshAgentConnector.Target(address, port, "vsconsole-probe"),
                    properties.timeout().compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : properties.timeout());
        } catch (IOException | RuntimeException e) {
            throw new ActionRefusedException(field, "no SSH server answered at " + address + ":" + port + ": " + Formats.reason(e));
        }
    }

    private static String actor() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "system" : authentication.getName();
    }

    private static @Nullable String shortened(@Nullable String value) {
        return value == null || value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}

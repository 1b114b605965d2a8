package org.vsconsole.fleet;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditTarget;
import org.vsconsole.audit.AuditedAction;
import org.vsconsole.base.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.vsconsole.host.BuildProgress;
import org.vsconsole.host.BuildRequest;
import org.vsconsole.host.LimitValues;
import org.vsconsole.host.agent.AgentHostDriver;
import org.vsconsole.host.config.HostGrammar;
import org.vsconsole.jobs.Job;
import org.vsconsole.jobs.JobService;
import org.vsconsole.host.agent.HostGuest;
import org.vsconsole.host.agent.HostGuestSettings;
import org.vsconsole.host.config.ConfigChange;
import org.vsconsole.host.config.InterfaceEntry;
import org.vsconsole.host.config.InterfaceSpec;
import org.vsconsole.security.CurrentUser;
import org.vsconsole.security.GuestOwnership;

/**
 * What users see and do across hosts: each host's state and guests (staff: all; an owner: the
 * guests they own, named host/guest), starting and stopping a managed host's guest (staff and its
 * owners), and creating, limiting and deleting one (staff). The agent there resolves the guest
 * from its own config, so the console sends a name only; the audit row names the host beside the
 * guest.
 */
@Service
public class FleetGuests {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Fleet fleet;
    private final AuditService audit;
    private final JobService jobs;
    private final CurrentUser currentUser;
    private final GuestOwnership ownership;
    private final RemoteGuestChanges changes;

    FleetGuests(Fleet fleet, AuditService audit, JobService jobs, CurrentUser currentUser, GuestOwnership ownership,
            RemoteGuestChanges changes) {
        this.changes = changes;
        this.fleet = fleet;
        this.audit = audit;
        this.jobs = jobs;
        this.currentUser = currentUser;
        this.ownership = ownership;
    }

    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR','AUDITOR')")
    public List<HostStatus> hosts() {
        return fleet.statuses();
    }

    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR','AUDITOR')")
    public HostStatus host(String host) {
        return fleet.status(host).orElseThrow(() -> new InvalidInputException("host", "no host '" + host + "'"));
    }

    /**
     * The managed hosts with the guests the caller may see: all of them for staff; for an owner,
     * the hosts where they own a guest, with those guests only.
     */
    @PreAuthorize("isAuthenticated()")
    public List<HostStatus> otherHosts() {
        return fleet.statuses().stream().filter(s -> !s.local()).map(this::visiblePart)
                .filter(s -> currentUser.seesAllGuests() || !s.guests().isEmpty()).toList();
    }

    /**
     * The guests of one host the caller may see. For an owner a host they own nothing on answers
     * an empty list, whether or not it exists, so the answer does not tell which hosts there are.
     */
    @PreAuthorize("isAuthenticated()")
    public List<HostGuest> guests(String host) {
        if (currentUser.seesAllGuests()) {
            return host(host).guests();
        }
        return fleet.status(host).map(s -> visiblePart(s).guests()).orElse(List.of());
    }

    private HostStatus visiblePart(HostStatus status) {
        if (currentUser.seesAllGuests()) {
            return status;
        }
        return status.withGuests(status.guests().stream().filter(g -> currentUser.maySeeOn(status.name(), g.name())).toList());
    }

    @PreAuthorize("hasRole('ADMIN')")
    public String authorizedKeysLine() {
        return fleet.authorizedKeysLine();
    }

    @PreAuthorize("@currentUser.mayOperateOn(#host, #guest)")
    @AuditedAction(AuditActions.GUEST_START)
    public HostGuest start(String host, String guest) {
        return act(AuditActions.GUEST_START, host, guest, agent -> agent.start(guest));
    }

    @PreAuthorize("@currentUser.mayOperateOn(#host, #guest)")
    @AuditedAction(AuditActions.GUEST_STOP)
    public HostGuest stop(String host, String guest) {
        return act(AuditActions.GUEST_STOP, host, guest, agent -> agent.stop(guest, STOP_TIMEOUT));
    }

    /** A running guest of a managed host and a login shell in it; the terminal feature decides who may and audits it. */
    public record RemoteShell(HostGuest guest, org.vsconsole.host.TerminalSession session) {
    }

    /** Opens a login shell in {@code guest} of managed host {@code host}, which must be running. */
    @PreAuthorize("@currentUser.mayOperateOn(#host, #guest)")
    public RemoteShell openTerminal(String host, String guest, org.vsconsole.host.TerminalSize size) {
        HostGuest listed = remoteGuest(host, guest);
        if (!listed.running()) {
            throw new org.vsconsole.base.StateConflictException("guest", guest + " on " + host + " is not running; start it first");
        }
        return new RemoteShell(listed, managedAgent(host).openTerminal(guest, size));
    }

    /**
     * Creates a guest on a managed host: its config is written there at once (the agent checks
     * name, context and node name against that host's tree), its root is built as a job.
     * Contexts are unique per host, so the context is checked there, not here.
     */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @AuditedAction(AuditActions.GUEST_CREATE)
    public Job create(String host, @Nullable String guest, @Nullable Integer context) {
        Job[] job = new Job[1];
        Map<String, Object> before = new java.util.LinkedHashMap<>();
        before.put("context", context);
        audit.audited(AuditActions.GUEST_CREATE, target(host, guest), before, () -> {
            String name = HostGrammar.guestName(guest);
            if (context == null) {
                throw new InvalidInputException("context", "a static context is needed on another host");
            }
            AgentHostDriver agent = managedAgent(host);
            HostGuest created = expecting(host, name, () -> agent.createGuest(name, context, null));
            fleet.lookAgain(host);
            job[0] = jobs.submit("guest.create", "Create guest " + name + " on host " + host, name, work -> {
                work.log("Building the root of " + name + " on " + host + " (skeleton)");
                agent.buildRoot(name, BuildRequest.skeleton(), BuildProgress.of(work::log, work::progress, work::cancelled));
                fleet.lookAgain(host);
                work.log(name + " is ready on " + host);
            });
            return Map.of("context", created.context() == null ? "none" : created.context(), "job", job[0].id());
        });
        return job[0];
    }

    /** Saves a limit of a managed host's guest there and applies it live when it runs; true when applied live. */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @AuditedAction(AuditActions.LIMITS_SET)
    public boolean setLimit(String host, String guest, String limit, long soft, long hard) {
        return saveLimits(host, guest, Map.of(limit, new LimitValues(soft, hard)));
    }

    /**
     * Saves several limits of a managed host's guest there (a preset), one audit row for all, and
     * applies them live when it runs; true when applied live. Limits the host refuses stop the rest.
     */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @AuditedAction(AuditActions.LIMITS_SET)
    public boolean setLimits(String host, String guest, Map<String, LimitValues> limits) {
        return saveLimits(host, guest, limits);
    }

    private boolean saveLimits(String host, String guest, Map<String, LimitValues> limits) {
        boolean[] live = new boolean[1];
        Map<String, Object> before = new java.util.LinkedHashMap<>();
        limits.forEach((limit, v) -> before.put(shown(limit), Map.of("soft", v.soft(), "hard", v.hard())));
        audit.audited(AuditActions.LIMITS_SET, target(host, guest), before, () -> {
            remoteGuest(host, guest);
            AgentHostDriver agent = managedAgent(host);
            Map<String, Object> after = new java.util.LinkedHashMap<>();
            for (var limit : limits.entrySet()) {
                live[0] = agent.setLimit(guest, limit.getKey(), limit.getValue());
                after.put(limit.getKey(), Map.of("soft", limit.getValue().soft(), "hard", limit.getValue().hard()));
            }
            after.put("appliedLive", live[0]);
            return after;
        });
        return live[0];
    }

    /** A managed host's guest's host name and addresses as its agent reads them, with their digest. */
    @PreAuthorize("@currentUser.maySeeOn(#host, #guest)")
    public HostGuestSettings settings(String host, String guest) {
        return settingsOf(host, guest);
    }

    private HostGuestSettings settingsOf(String host, String guest) {
        remoteGuest(host, guest);
        return managedAgent(host).guestSettings(guest);
    }

    /** Sets a managed host's guest's host name (and domain, or none); from its next start, as on this host. */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @AuditedAction(AuditActions.GUEST_SET_HOSTNAME)
    public HostGuestSettings setHostName(String host, String guest, @Nullable String hostname, @Nullable String domain,
            @Nullable String digest) {
        return edit(AuditActions.GUEST_SET_HOSTNAME, host, guest, digest, before -> {
            if (hostname == null || hostname.isBlank()) {
                throw new InvalidInputException("hostname", "a host name is required");
            }
            return new ConfigChange.SetUts(hostname.strip(), domain == null || domain.isBlank() ? null : domain.strip());
        }, s -> {
            Map<String, Object> uts = new java.util.LinkedHashMap<>();
            uts.put("hostname", s.nodename());
            uts.put("domain", s.domainname());
            return uts;
        });
    }

    /** Sets the address and prefix of a managed host's guest's {@code interfaces/<id>/}; its device and label stay. */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @AuditedAction(AuditActions.GUEST_SET_INTERFACE)
    public HostGuestSettings setAddress(String host, String guest, @Nullable String id, @Nullable String ip, @Nullable String prefix,
            @Nullable String digest) {
        return edit(AuditActions.GUEST_SET_INTERFACE, host, guest, digest, before -> {
            InterfaceEntry entry = before.interfaceById(HostGrammar.interfaceId(id));
            if (entry == null) {
                throw new InvalidInputException("interface", "'" + guest + "' on " + host + " has no address entry '" + id + "'");
            }
            return new ConfigChange.SetInterface(entry.id(), InterfaceSpec.typed(ip, prefix, entry.dev(), entry.name(), entry.nodev()));
        }, FleetGuests::addresses);
    }

    /** Adds an address entry ({@code interfaces/<n>/}, the lowest free n) to a managed host's guest; the address must be free there. */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @AuditedAction(AuditActions.GUEST_ADD_INTERFACE)
    public HostGuestSettings addAddress(String host, String guest, @Nullable String ip, @Nullable String prefix, @Nullable String dev,
            @Nullable String digest) {
        return edit(AuditActions.GUEST_ADD_INTERFACE, host, guest, digest, before -> {
            return new ConfigChange.AddInterface(InterfaceSpec.typed(ip, prefix, dev, null, false));
        }, FleetGuests::addresses);
    }

    private static List<String> addresses(HostGuestSettings s) {
        return s.interfaces().stream().map(i -> i.id() + ": " + i.ip() + "/" + i.prefix()).toList();
    }

    /**
     * One settings change on a managed host, audited with before and after: checked here (a refusal
     * names its field before anything is sent), then made by that host's agent, which checks it
     * again against its own tree and refuses it when the guest changed there since {@code digest}.
     */
    private HostGuestSettings edit(String action, String host, String guest, @Nullable String digest,
            java.util.function.Function<HostGuestSettings, ConfigChange> change,
            java.util.function.Function<HostGuestSettings, Object> shown) {
        HostGuestSettings read = null;
        try {
            read = settingsOf(host, guest);
        } catch (RuntimeException e) {
            // the audited step below reads again, fails the same way, and its row says why
        }
        HostGuestSettings seen = read;
        HostGuestSettings[] after = new HostGuestSettings[1];
        audit.audited(action, target(host, guest), seen == null ? null : shown.apply(seen), () -> {
            // one read is enough: the agent refuses the change when the guest changed since the digest
            HostGuestSettings before = seen != null ? seen : settingsOf(host, guest);
            if (digest == null || !digest.matches("[0-9a-f]{64}")) {
                throw new InvalidInputException("digest", "required: the digest of the settings the edit was made on");
            }
            AgentHostDriver agent = managedAgent(host);
            agent.apply(guest, digest, change.apply(before));
            after[0] = agent.guestSettings(guest);
            return Map.of("settings", shown.apply(after[0]), "takesEffect", "at the next start");
        });
        return after[0];
    }

    /** Removes a stopped guest of a managed host, root and config; {@code confirm} repeats its name. */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @AuditedAction(AuditActions.GUEST_DELETE)
    public void delete(String host, String guest, @Nullable String confirm) {
        audit.audited(AuditActions.GUEST_DELETE, target(host, guest),
                Map.of("confirm", String.valueOf(confirm == null ? null : shown(confirm))), () -> {
                    remoteGuest(host, guest);
                    if (!guest.equals(confirm)) {
                        throw new InvalidInputException("confirm", "type the guest's name, '" + guest + "', to delete it");
                    }
                    AgentHostDriver agent = managedAgent(host);
                    expecting(host, guest, () -> {
                        agent.deleteGuest(guest);
                        return guest;
                    });
                    ownership.guestRemoved(HostGrammar.guestOnHost(host, guest));
                    fleet.lookAgain(host);
                    return Map.of("deleted", guest);
                });
    }

    /** Runs {@code change} to {@code guest}'s existence on {@code host}, so the next look does not report it as done by hand. */
    private <T> T expecting(String host, String guest, java.util.function.Supplier<T> change) {
        changes.expect(host, guest);
        try {
            return change.get();
        } catch (RuntimeException e) {
            changes.unexpect(host, guest);
            throw e;
        }
    }

    private AgentHostDriver managedAgent(String host) {
        if (host.equals(HostFields.LOCAL)) {
            throw new InvalidInputException("host", "this host's guests are created, limited and deleted on their own pages");
        }
        host(host);
        return fleet.agent(host);
    }

    private HostGuest act(String action, String host, String guest, java.util.function.Consumer<AgentHostDriver> work) {
        HostGuest[] result = new HostGuest[1];
        audit.audited(action, target(host, guest),
                Map.of("running", running(host, guest)), () -> {
                    remoteGuest(host, guest);
                    work.accept(managedAgent(host));
                    fleet.lookAgain(host);
                    result[0] = remoteGuest(host, guest);
                    return Map.of("running", result[0].running());
                });
        return result[0];
    }

    /** A guest the managed host {@code host} listed at the last look. */
    private HostGuest remoteGuest(String host, String guest) {
        if (host.equals(HostFields.LOCAL)) {
            throw new InvalidInputException("host", "this host's guests are managed on their own pages");
        }
        host(host);
        HostGrammar.guestName(guest);
        return listed(host, guest).orElseThrow(() -> new InvalidInputException("guest", "no guest '" + guest + "' on host "
                + host));
    }

    private Optional<HostGuest> listed(String host, String guest) {
        return fleet.status(host).flatMap(s -> s.guests().stream().filter(g -> g.name().equals(guest)).findFirst());
    }

    private String running(String host, String guest) {
        return listed(host, guest).map(g -> String.valueOf(g.running())).orElse("unknown");
    }

    private static AuditTarget target(String host, @Nullable String guest) {
        return AuditTarget.guestOnHost(host, guest);
    }

    private static String shown(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}

package org.vsconsole.provisioning;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditEntry;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditTarget;
import org.vsconsole.audit.AuditedAction;
import org.vsconsole.audit.Outcome;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.DebianSuites;
import org.vsconsole.host.HostAptSources;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.HostProperties;
import org.vsconsole.host.ProvisioningProperties;
import org.vsconsole.host.config.GuestConfigReader;
import org.vsconsole.host.config.GuestConfigWriter;
import org.vsconsole.host.config.HostGrammar;
import org.vsconsole.host.config.IpLiteral;
import org.vsconsole.jobs.Job;
import org.vsconsole.jobs.JobService;
import org.vsconsole.jobs.JobWork;
import org.jspecify.annotations.Nullable;

/**
 * Creates guests for the wizard and REST. Only ADMIN and OPERATOR may; every attempt is audited
 * ({@code guest.create}: refused input as failed, a refused role as denied), and the build's own
 * end is audited again ({@code guest.create.job}) because it finishes long after the request.
 * The live checks answer the wizard as the user types; {@link #create} checks everything again,
 * since the disk may have changed since.
 */
@Service
@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
public class GuestCreationService {

    static final String ACTION = AuditActions.GUEST_CREATE;

    private final GuestConfigReader tree;
    private final GuestConfigWriter writer;
    private final HostDriver driver;
    private final HostProperties host;
    private final AuditService audit;
    private final JobService jobs;
    private final Reservations reservations = new Reservations();
    private final GuestRequestValidator validator;
    private final String defaultInterface;
    private final AddressAllocator pool;
    private final BuildOptionsValidator buildOptions;

    GuestCreationService(GuestConfigReader tree, GuestConfigWriter writer, HostDriver driver, HostProperties host,
            AuditService audit, JobService jobs,
            ProvisioningProperties settings) {
        this.tree = tree;
        this.writer = writer;
        this.driver = driver;
        this.host = host;
        this.audit = audit;
        this.jobs = jobs;
        this.defaultInterface = settings.defaultInterface();
        this.pool = new AddressAllocator(settings.addressPool());
        this.buildOptions = new BuildOptionsValidator(HostAptSources.ofHost(), DebianSuites.available());
        this.validator = new GuestRequestValidator(tree, host.guestsRoot(), new XidAllocator(), pool, reservations,
                settings.defaultInterface(), buildOptions, settings.allowLinkLocal());
    }

    /**
     * Validates the request, holds its name, id and address, and submits the build job.
     *
     * @return the queued job; follow it with {@link JobService#follow} or {@code /api/v1/jobs/{id}}
     * @throws InvalidInputException naming the field, when any value is refused or already taken
     */
    @AuditedAction(ACTION)
    public Job create(@Nullable CreateGuestRequest request) {
        String name = request == null ? null : request.name();
        AuditTarget target = AuditTarget.guest(safe(name), null);
        return audit.audited(ACTION, target, request, () -> {
            if (request == null) {
                throw new InvalidInputException("request", "a request body is required");
            }
            ValidatedGuest guest = validator.validate(request);
            driver.readOnlyReason().ifPresent(reason -> {
                throw new InvalidInputException("build", "this host cannot build guests: " + reason);
            });
            if (!reservations.hold(new Reservations.Held(guest.name(), guest.xid(), guest.ip()))) {
                throw new InvalidInputException("name", "a guest named '" + guest.name() + "' is being created right now");
            }
            try {
                return jobs.submit(AuditActions.GUEST_CREATE, "Create guest " + guest.name(), guest.name(), work(guest));
            } catch (RuntimeException e) {
                reservations.release(guest.name());
                throw e;
            }
        });
    }

    /** The context id the wizard proposes: context.next or 40000 upward, skipping used ids. */
    public String suggestXid() {
        return Integer.toString(validator.suggestXid(tree.readAllGuests()));
    }

    /** The first free address of the configured pool. */
    public String suggestAddress() {
        return validator.suggestAddress(tree.readAllGuests());
    }

    /** The prefix length of the configured pool, proposed with a suggested address. */
    public int poolPrefix() {
        return pool.prefix();
    }

    public String defaultInterface() {
        return defaultInterface;
    }

    /** "guest 'x'" when a guest on disk (or one being created) has this context id. */
    public Optional<String> whoHoldsXid(int xid) {
        return validator.whoHoldsXid(xid, tree.readAllGuests());
    }

    /** "guest 'x'" when a guest has this address; empty for a free or malformed address. */
    public Optional<String> whoHoldsAddress(String ip) {
        IpLiteral literal;
        try {
            literal = HostGrammar.ipAddress(ip);
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
        return validator.whoHoldsAddress(literal, tree.readAllGuests());
    }

    /** Why this name cannot be used (grammar, taken, reserved), or empty when it can. */
    public Optional<String> checkName(String name) {
        try {
            validator.name(name);
            return Optional.empty();
        } catch (InvalidInputException e) {
            return Optional.of(e.rule());
        }
    }

    /** Suites this host can build with debootstrap, most wanted first. */
    public List<String> debianSuites() {
        return buildOptions.buildableSuites();
    }

    /** The mirror a Debian build of {@code suite} uses when the user gives none. */
    public String defaultMirror(String suite) {
        return buildOptions.defaultMirror(suite);
    }

    /** Names of the guests on disk, the sources a clone may copy. */
    public List<String> existingGuests() {
        return tree.listGuestNames();
    }

    /** Why guests cannot be built on this host, when they cannot. */
    public Optional<String> readOnlyReason() {
        return driver.readOnlyReason();
    }

    private JobWork work(ValidatedGuest guest) {
        GuestBuild build = new GuestBuild(guest, writer, driver, host.guestsRoot());
        AuditTarget target = AuditTarget.guest(guest.name(), guest.xid());
        return job -> {
            long started = System.nanoTime();
            try {
                build.run(job);
                audit.record(AuditEntry.ok(ACTION + ".job", target, guest.describe(), Map.of("job", job.jobId()),
                        elapsed(started)));
            } catch (Exception e) {
                audit.record(new AuditEntry(ACTION + ".job", target, guest.describe(), Map.of("job", job.jobId()),
                        Outcome.FAILED, e.getMessage(), elapsed(started)));
                throw e;
            } finally {
                reservations.release(guest.name());
            }
        };
    }

    /** A target name for the audit row even when the name is hostile: refused names are not echoed. */
    private static @Nullable String safe(@Nullable String name) {
        try {
            return HostGrammar.guestName(name);
        } catch (InvalidInputException e) {
            return null;
        }
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}

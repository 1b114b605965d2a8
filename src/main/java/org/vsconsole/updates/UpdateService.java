package org.vsconsole.updates;

import org.vsconsole.base.Formats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditEntry;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditTarget;
import org.vsconsole.audit.AuditedAction;
import org.vsconsole.audit.Outcome;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.ContextOccupants;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.GuestSpecs;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.HostProperties;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.GuestConfigReader;
import org.vsconsole.jobs.Job;
import org.vsconsole.jobs.JobContext;
import org.vsconsole.jobs.JobService;
import org.vsconsole.jobs.JobState;
import org.vsconsole.security.CurrentUser;
import org.jspecify.annotations.Nullable;

/**
 * Package updates across guests as one job with one item per guest. ADMIN and OPERATOR update
 * any guest, an OWNER only their own, an AUDITOR none. The request is audited when it is made
 * ({@code guest.update}) and each guest's result again when it is known ({@code guest.update.item}),
 * so a failure in one guest is never hidden behind the success of the next.
 */
@Service
public class UpdateService {

    static final String ACTION = AuditActions.GUEST_UPDATE;

    private final GuestConfigReader configs;
    private final HostDriver driver;
    private final HostProperties host;
    private final JobService jobs;
    private final AuditService audit;
    private final CurrentUser currentUser;
    private final PendingUpdates pending;
    private final UpdateJobs plans;
    private final ContextOccupants occupants;

    UpdateService(GuestConfigReader configs, HostDriver driver, HostProperties host, JobService jobs, AuditService audit,
            CurrentUser currentUser, PendingUpdates pending, UpdateJobs plans, ContextOccupants occupants) {
        this.configs = configs;
        this.driver = driver;
        this.host = host;
        this.jobs = jobs;
        this.audit = audit;
        this.currentUser = currentUser;
        this.pending = pending;
        this.plans = plans;
        this.occupants = occupants;
    }

    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR','OWNER')")
    @AuditedAction(ACTION)
    public Job submit(@Nullable UpdateRequest request) {
        return audit.audited(ACTION, new AuditTarget(null, null, "package update"), request,
                () -> start(UpdateRequestValidator.validate(request, configs.listGuestNames(), currentUser::mayOperate)));
    }

    /** A new job for the guests that failed in job {@code jobId}, with the same plan. */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR','OWNER')")
    @AuditedAction(ACTION + ".retry")
    public Job retryFailed(long jobId) {
        return audit.audited(ACTION + ".retry", new AuditTarget(null, null, "job " + jobId), Map.of("job", jobId), () -> {
            Job earlier = jobs.get(jobId);
            UpdatePlan plan = plans.plan(jobId).orElseThrow(() -> new InvalidInputException("job",
                    "job " + jobId + " is not a package update"));
            List<String> failed = earlier.items().stream().filter(i -> i.state() == JobState.FAILED)
                    .map(Job.JobItem::item).filter(configs.listGuestNames()::contains).toList();
            if (failed.isEmpty()) {
                throw new InvalidInputException("job", "job " + jobId + " has no failed guest to retry");
            }
            for (String guest : failed) {
                if (!currentUser.mayOperate(guest)) {
                    throw new org.springframework.security.access.AccessDeniedException("you may not update '" + guest + "'");
                }
            }
            return start(plan.onlyFor(failed));
        });
    }

    /** Last known pending and security updates of the guests the user may see. */
    @PreAuthorize("isAuthenticated()")
    public Map<String, PendingStatus> pending() {
        Map<String, PendingStatus> all = new java.util.TreeMap<>(pending.all());
        // a count outlives a deleted guest in the table; a new guest of that name must not inherit it
        java.util.Set<String> existing = new java.util.HashSet<>(configs.listGuestNames());
        all.keySet().removeIf(guest -> !existing.contains(guest) || !currentUser.maySee(guest));
        return all;
    }

    /** A guest as the updates view lists it: whether it runs and its last counted updates (may be null). */
    public record GuestRow(String name, boolean running, @Nullable PendingStatus pending) {
    }

    /** The guests the current user may update, with their state and last counts. */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR','OWNER')")
    public List<GuestRow> guests() {
        Map<String, PendingStatus> counts = pending.all();
        List<GuestRow> rows = new ArrayList<>();
        for (GuestConfig config : configs.readAllGuests()) {
            if (!currentUser.mayOperate(config.name())) {
                continue;
            }
            boolean running;
            try {
                running = config.context() != null && driver.isRunning(GuestSpecs.from(config, host.guestsRoot()));
            } catch (RuntimeException e) {
                running = false;
            }
            rows.add(new GuestRow(config.name(), running, counts.get(config.name())));
        }
        rows.sort(java.util.Comparator.comparing(GuestRow::name));
        return rows;
    }

    /** The scheduled check: lists refreshed and a dry-run dist-upgrade in every running guest. */
    @Nullable
    Job checkAllAsSystem() {
        UpdatePlan plan = new UpdatePlan(configs.listGuestNames(), UpdateAction.DIST_UPGRADE, List.of(), true, false);
        return plan.guests().isEmpty() ? null : start(plan);
    }

    private Job start(UpdatePlan plan) {
        Job job = jobs.submit(AuditActions.GUEST_UPDATE, plan.title(), plan.guests().size() == 1 ? plan.guests().getFirst() : null,
                context -> run(plan, context));
        plans.save(job.id(), plan);
        return job;
    }

    private void run(UpdatePlan plan, JobContext job) {
        for (String guest : plan.guests()) {
            job.item(guest, JobState.QUEUED, null);
        }
        GuestUpdater updater = new GuestUpdater(driver);
        List<String> failed = new ArrayList<>();
        int done = 0;
        for (String guest : plan.guests()) {
            if (job.cancelled()) {
                job.item(guest, JobState.CANCELLED, "not run: the job was cancelled");
                continue;
            }
            job.item(guest, JobState.RUNNING, null);
            job.log("== " + guest + ": " + plan.title());
            GuestUpdater.Result result = runOne(updater, guest, plan, job);
            job.item(guest, result.state(), result.message());
            job.log("== " + guest + ": " + result.state().dbValue() + ": " + result.message());
            if (result.state() == JobState.FAILED) {
                failed.add(guest);
            }
            if (result.simulation() != null) {
                pending.record(guest, result.simulation());
            }
            audit.record(new AuditEntry(ACTION + ".item", AuditTarget.guest(guest, null), plan.describe(),
                    Map.of("job", job.jobId(), "state", result.state().dbValue(), "result", result.message()),
                    result.state() == JobState.FAILED ? Outcome.FAILED : Outcome.OK,
                    result.state() == JobState.FAILED ? result.message() : null, 0));
            job.progress(++done * 100 / plan.guests().size());
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException(failed.size() + " of " + plan.guests().size() + " guests failed: "
                    + String.join(", ", failed));
        }
    }

    private GuestUpdater.Result runOne(GuestUpdater updater, String guest, UpdatePlan plan, JobContext job) {
        try {
            occupants.now().refuseIfInConflict(guest);
            GuestConfig config = configs.readGuest(guest);
            GuestSpec spec = GuestSpecs.from(config, host.guestsRoot());
            return updater.run(spec, plan, line -> job.log("[" + guest + "] " + line));
        } catch (RuntimeException e) {
            String why = Formats.reason(e);
            if (plan.dryRun() && plan.action() == UpdateAction.DIST_UPGRADE) {
                pending.recordProblem(guest, why);
            }
            return new GuestUpdater.Result(JobState.FAILED, why, null);
        }
    }
}

package org.vsconsole.jobs;

import org.vsconsole.base.Formats;
import com.vaadin.flow.shared.Registration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.concurrent.DelegatingSecurityContextExecutorService;
import org.springframework.stereotype.Service;
import org.vsconsole.audit.Actor;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditEntry;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditTarget;
import org.vsconsole.audit.Outcome;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.security.CurrentUser;
import org.vsconsole.security.Role;
import org.jspecify.annotations.Nullable;

/**
 * Runs jobs and lets people follow them. Callers authorise the work before submitting it; this
 * service persists the job, runs it with the submitter's security context, stores every log
 * line, and tells followers as it goes. At most {@value #WORKERS} jobs run at once.
 */
@Service
public class JobService {

    static final int WORKERS = 4;
    private static final Logger log = LoggerFactory.getLogger(JobService.class);

    private final JobRepository jobs;
    private final AuditService audit;
    private final CurrentUser currentUser;
    private final ExecutorService executor = new DelegatingSecurityContextExecutorService(
            Executors.newFixedThreadPool(WORKERS, Thread.ofPlatform().name("job-", 1).daemon().factory()));
    private final Map<Long, List<Consumer<JobEvent>>> followers = new ConcurrentHashMap<>();
    private final List<Consumer<JobEvent>> everyJob = new CopyOnWriteArrayList<>();
    private final Set<Long> cancelRequested = ConcurrentHashMap.newKeySet();
    /** Jobs past their point of no return, with why; guarded with {@link #cancelRequested} by its lock. */
    private final Map<Long, String> committed = new ConcurrentHashMap<>();

    JobService(JobRepository jobs, AuditService audit, CurrentUser currentUser) {
        this.jobs = jobs;
        this.audit = audit;
        this.currentUser = currentUser;
    }

    /** Persists a job and starts it; returns at once with the queued job. */
    public Job submit(String kind, String title, @Nullable String target, JobWork work) {
        String actor = currentUser.username() == null ? Actor.SYSTEM.name() : currentUser.username();
        long id = jobs.insert(kind, title, target, actor);
        publish(new JobEvent(id, null, JobState.QUEUED, 0, null));
        executor.submit(() -> run(id, work));
        return jobs.find(id).orElseThrow();
    }

    @PreAuthorize("isAuthenticated()")
    public Job get(long id) {
        Job job = jobs.find(id).orElseThrow(() -> new InvalidInputException("id", "no job " + id));
        if (!maySee(job)) {
            throw new AccessDeniedException("job " + id + " belongs to someone else");
        }
        return job;
    }

    /** The job if there is one and the current user may see it; nothing otherwise, and nothing said. */
    @PreAuthorize("isAuthenticated()")
    public Optional<Job> find(long id) {
        return jobs.find(id).filter(this::maySee);
    }

    @PreAuthorize("isAuthenticated()")
    public List<String> logOf(long id) {
        get(id);
        return jobs.logLines(id);
    }

    @PreAuthorize("isAuthenticated()")
    public List<Job> recent(int limit) {
        return jobs.recent(Math.min(limit, 500)).stream().filter(this::maySee).toList();
    }

    /**
     * Asks a running job to stop; the job ends as cancelled at its next check. Cancelling undoes
     * someone's work (a cancelled creation is rolled back), so only ADMIN and OPERATOR may cancel
     * any job and anyone else (an OWNER) only a job they submitted; an AUDITOR, who changes
     * nothing, never. A refusal is audited as denied.
     */
    @PreAuthorize("isAuthenticated()")
    @org.vsconsole.audit.AuditedAction(AuditActions.JOB_CANCEL)
    public void cancel(long id) {
        Job job = get(id);
        AuditTarget target = new AuditTarget(job.target(), null, "job " + id);
        audit.audited(AuditActions.JOB_CANCEL, target, Map.of("state", job.state().dbValue()), () -> {
            if (!mayCancel(job)) {
                throw new AccessDeniedException("job " + id + " was submitted by " + job.actor()
                        + "; only its submitter, an ADMIN or an OPERATOR may cancel it");
            }
            synchronized (cancelRequested) {
                String why = committed.get(id);
                if (why != null) {
                    throw new org.vsconsole.base.StateConflictException("job", "job " + id + " can no longer be cancelled: " + why);
                }
                if (!job.state().finished()) {
                    cancelRequested.add(id);
                }
            }
            return Map.of("cancelRequested", !job.state().finished());
        });
    }

    /** Whether the current user may cancel {@code job}, so a page shows Cancel only to them. */
    public boolean mayCancel(Job job) {
        if (currentUser.hasRole(Role.ADMIN) || currentUser.hasRole(Role.OPERATOR)) {
            return true;
        }
        return currentUser.hasRole(Role.OWNER) && job.actor().equals(currentUser.username());
    }

    /**
     * Calls {@code listener} for every change of state or progress of any job (not its log lines)
     * until removed, for lists of jobs. Listeners filter by what their user may see.
     */
    public Registration followAll(Consumer<JobEvent> listener) {
        everyJob.add(listener);
        return () -> everyJob.remove(listener);
    }

    /** Calls {@code listener} for every new line and state change of the job until removed. */
    public Registration follow(long id, Consumer<JobEvent> listener) {
        followers.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> followers.computeIfPresent(id, (k, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    /** At start-up: every job the previous run left unfinished is marked interrupted and audited. */
    void markInterrupted() {
        for (Job job : jobs.unfinished()) {
            String message = "The console stopped while this job was " + job.state().dbValue()
                    + "; it did not finish. Check the target and run it again if needed.";
            jobs.finish(job.id(), JobState.INTERRUPTED, message);
            audit.record(Actor.SYSTEM, new AuditEntry(AuditActions.JOB_INTERRUPTED, new AuditTarget(job.target(), null,
                    "job " + job.id() + " (" + job.kind() + ")"), null, null, Outcome.FAILED, message, 0),
                    java.util.UUID.randomUUID().toString());
        }
    }

    private void run(long id, JobWork work) {
        AtomicInteger lines = new AtomicInteger();
        JobContext context = new JobContext() {

            @Override
            public long jobId() {
                return id;
            }

            @Override
            public void log(String line) {
                jobs.log(id, lines.incrementAndGet(), line);
                publish(new JobEvent(id, line, JobState.RUNNING, -1, null));
            }

            @Override
            public void progress(int percent) {
                int bounded = Math.max(0, Math.min(100, percent));
                jobs.progress(id, bounded);
                publish(new JobEvent(id, null, JobState.RUNNING, bounded, null));
            }

            @Override
            public void item(String item, JobState state, @Nullable String message) {
                jobs.item(id, item, state, message);
                publish(new JobEvent(id, null, JobState.RUNNING, -1, null));
            }

            @Override
            public boolean cancelled() {
                return cancelRequested.contains(id);
            }

            @Override
            public boolean commit(String why) {
                synchronized (cancelRequested) {
                    if (cancelRequested.contains(id)) {
                        return false;
                    }
                    committed.put(id, why);
                    return true;
                }
            }
        };
        jobs.start(id);
        publish(new JobEvent(id, null, JobState.RUNNING, 0, null));
        JobState end;
        @Nullable
        String message = null;
        try {
            work.run(context);
            end = context.cancelled() ? JobState.CANCELLED : JobState.SUCCEEDED;
        } catch (Exception e) {
            end = context.cancelled() ? JobState.CANCELLED : JobState.FAILED;
            message = Formats.reason(e);
            log.info("Job {} ended {}: {}", id, end, message);
        } finally {
            cancelRequested.remove(id);
            committed.remove(id);
        }
        jobs.finish(id, end, message);
        publish(new JobEvent(id, null, end, end == JobState.SUCCEEDED ? 100 : -1, message));
    }

    private void publish(JobEvent event) {
        if (event.line() == null) {
            tell(everyJob, event);
        }
        List<Consumer<JobEvent>> list = followers.get(event.jobId());
        if (list != null) {
            tell(list, event);
        }
    }

    private static void tell(List<Consumer<JobEvent>> list, JobEvent event) {
        for (Consumer<JobEvent> listener : list) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.debug("A job follower failed; dropping it", e);
                list.remove(listener);
            }
        }
    }

    private boolean maySee(Job job) {
        return currentUser.seesAllGuests() || job.actor().equals(currentUser.username());
    }
}

package org.vsconsole.audit;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import com.vaadin.flow.shared.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.vsconsole.base.ActionRefusedException;
import org.vsconsole.base.ReadOnlyModeException;
import tools.jackson.databind.ObjectMapper;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The one API through which every feature records what happened. Appends are serialised so the
 * sequence stays gap-free and each row links to the one before; each append commits in its own
 * transaction, so a denied or failed attempt is recorded even when the caller's work rolls back.
 *
 * <p>Everything that appends to the chain (a record, an audited action, the rows held while the
 * disk was full, a re-anchoring) and the verification that must not race them sit behind one
 * lock here, so the order of the log is decided in one place. How a row is built is
 * {@link AuditRows}'; whether the log still matches its anchor, and re-anchoring it, is
 * {@link AnchorCheck}'s; writing the held rows back is {@link HeldReplay}'s; who follows new rows
 * is {@link AuditListeners}'. Reading the log is {@link AuditSearch}'s.
 */
@Service
public class AuditService implements ApplicationEventPublisherAware {

    private static final Logger log = LoggerFactory.getLogger(AuditService.class);

    private final AuditRepository repository;
    private final ActorResolver actors;
    private final AuditRows rows;
    private final AnchorCheck anchorCheck;
    private final HeldReplay heldReplay;
    private final AuditAnchor anchor;
    private @Nullable ApplicationEventPublisher events;
    private final ReentrantLock appendLock = new ReentrantLock();
    private final @Nullable ObjectProvider<IntentRecorder> intents;
    private @Nullable ObjectProvider<AuditAttachmentCheck> attachmentChecks;
    private final AuditListeners listeners = new AuditListeners();
    private @Nullable StorageGuard storage;

    AuditService(AuditRepository repository, ActorResolver actors, ObjectMapper json, PlatformTransactionManager tx,
            AuditAnchor anchor) {
        this(repository, actors, json, tx, anchor, null);
    }

    @Autowired
    AuditService(AuditRepository repository, ActorResolver actors, ObjectMapper json, PlatformTransactionManager tx,
            AuditAnchor anchor, @Nullable ObjectProvider<IntentRecorder> intents) {
        this.intents = intents;
        this.repository = repository;
        this.anchor = anchor;
        this.actors = actors;
        this.rows = new AuditRows(repository, json, tx);
        this.anchorCheck = new AnchorCheck(repository, anchor, rows);
        this.heldReplay = new HeldReplay(rows, row -> appended(row, false));
    }

    /**
     * The full-disk guard; absent in tests that build the service by hand. Held events go back
     * into the log through {@link #writeHeld} once the disk has room again.
     */
    @Autowired(required = false)
    void setStorage(StorageGuard storage) {
        this.storage = storage;
        storage.onSpaceBack(this::writeHeld);
    }

    @Autowired
    void setAttachmentChecks(ObjectProvider<AuditAttachmentCheck> checks) {
        this.attachmentChecks = checks;
    }

    @Override
    public void setApplicationEventPublisher(ApplicationEventPublisher publisher) {
        this.events = publisher;
    }

    /** Records an entry on behalf of whoever is acting on this thread. */
    public @Nullable AuditEvent record(AuditEntry entry) {
        return record(actors.current(), entry, UUID.randomUUID().toString());
    }

    /**
     * Records an entry for an explicit actor, e.g. the console itself or an external change. When
     * the log no longer matches its anchor ({@link #integrityProblem()}) nothing is appended: the
     * entry goes to the application log at ERROR instead and null is returned, so sign-in and
     * start-up keep working while every state-changing action is refused by {@link #audited}.
     * Null too while the disk is full: the entry is held and written when space is back.
     */
    public @Nullable AuditEvent record(Actor actor, AuditEntry entry, String correlationId) {
        if (storage != null && (storage.problem().isPresent() || storage.heldCount() > 0)) {
            // read-only, or held events still to write first: keep the order, lose nothing
            storage.held().hold(actor, entry, correlationId);
            return null;
        }
        appendLock.lock();
        try {
            AuditEvent appended;
            try {
                Optional<String> problem = anchorCheck.check();
                if (problem.isPresent()) {
                    log.error("Audit log refused a row ({}): {} by {} on {}: {} {}", problem.get(), entry.action(), actor.name(),
                            entry.target(), entry.outcome(), entry.message());
                    return null;
                }
                appended = rows.append(actor, entry, correlationId);
            } catch (RuntimeException e) {
                if (storage != null && storage.writeFailed(e)) {
                    storage.held().hold(actor, entry, correlationId);
                    return null;
                }
                throw e;
            }
            appended(appended, true);
            return appended;
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Calls {@code listener} with every row recorded from now on, on the recording thread and
     * under the append lock: a listener only hands the row over (e.g. to {@code UI.access}).
     * Pages showing audit rows use it to show new ones without a reload.
     */
    public Registration subscribe(Consumer<AuditEvent> listener) {
        return listeners.add(listener);
    }

    /**
     * A row is in: the anchor moves to it, the application event tells of it (a held row's is not
     * published), then the listeners hear of it.
     */
    private void appended(AuditEvent row, boolean publish) {
        anchor.write(row.seq(), row.hash());
        if (publish && events != null) {
            events.publishEvent(new AuditRecorded(row));
        }
        listeners.tell(row);
    }

    /**
     * Runs {@code work} and records its outcome: {@code ok} with the result as "after",
     * {@code denied} on {@link AccessDeniedException} or {@link ActionRefusedException}, {@code failed}
     * with the error's message otherwise. The exception is rethrown unchanged.
     */
    public <T extends @Nullable Object> T audited(String action, AuditTarget target, @Nullable Object before, Supplier<T> work) {
        ApiRefusalAudit.markAudited();
        Optional<String> problem = checkIntegrityLocked();
        if (problem.isPresent()) {
            log.error("Refused {} on {}: {}", action, target, problem.get());
            throw new AuditIntegrityException(problem.get());
        }
        long started = System.nanoTime();
        Actor actor = actors.current();
        String correlationId = UUID.randomUUID().toString();
        Optional<String> full = storage == null ? Optional.empty() : storage.problem();
        if (full.isPresent()) {
            // Fail closed: nothing is changed that could not be audited; the refusal itself is held.
            ReadOnlyModeException refused = new ReadOnlyModeException(full.get());
            record(actor, new AuditEntry(action, target, before, null, Outcome.DENIED, refused.getMessage(), 0), correlationId);
            throw refused;
        }
        // The intent is committed before the work touches the tree or the driver (AU2).
        IntentRecorder recorder = intentRecorder();
        Object intent;
        try {
            intent = recorder.started(correlationId, actor, action, target, before);
        } catch (RuntimeException e) {
            // The disk filled between two looks of the guard and the intent could not be written:
            // nothing was done, and nothing is, read-only from here (fail closed).
            if (storage != null && storage.writeFailed(e)) {
                ReadOnlyModeException refused = new ReadOnlyModeException(storage.problem().orElse("the disk is full"));
                record(actor, new AuditEntry(action, target, before, null, Outcome.DENIED, refused.getMessage(), 0), correlationId);
                throw refused;
            }
            throw e;
        }
        try {
            T result = work.get();
            record(actor, new AuditEntry(action, target, before, result, Outcome.OK, null, elapsedMs(started)), correlationId);
            recorder.finished(intent, Outcome.OK, null);
            return result;
        } catch (AccessDeniedException | ActionRefusedException e) {
            record(actor, new AuditEntry(action, target, before, null, Outcome.DENIED, e.getMessage(), elapsedMs(started)),
                    correlationId);
            recorder.finished(intent, Outcome.DENIED, e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            record(actor, new AuditEntry(action, target, before, null, Outcome.FAILED, e.getMessage(), elapsedMs(started)),
                    correlationId);
            recorder.finished(intent, Outcome.FAILED, e.getMessage());
            throw e;
        }
    }

    /**
     * Writes the events held while the disk was full, oldest first, each marked with when it
     * happened, then one {@code storage.recovered} row with the count (and how many were dropped,
     * if the queue overflowed). False, with the rest held again, when the database still refuses.
     */
    boolean writeHeld() {
        HeldEvents held = Objects.requireNonNull(storage, "only the storage guard holds events").held();
        HeldEvents.Taken taken = held.take();
        boolean allIn;
        appendLock.lock();
        try {
            allIn = heldReplay.write(held, taken);
        } finally {
            appendLock.unlock();
        }
        if (allIn) {
            held.spillWritten();
        }
        return allIn;
    }

    private IntentRecorder intentRecorder() {
        return intents == null ? IntentRecorder.NONE : intents.getIfAvailable(() -> IntentRecorder.NONE);
    }

    /**
     * Walks the whole chain in order and names the first row that no longer fits, including rows
     * cut off the end (found by the anchor file outside the database).
     */
    @PreAuthorize("hasAnyRole('ADMIN','AUDITOR')")
    public ChainVerification verify() {
        List<AuditAttachmentCheck> checks = attachmentChecks == null ? List.of() : attachmentChecks.orderedStream().toList();
        ChainVerification chain = ChainVerifier.verify(repository::forEachInOrder, anchor.read().orElse(null), checks);
        Optional<String> problem = checkIntegrityLocked();
        if (chain.ok() && problem.isPresent()) {
            return ChainVerification.broken(chain.rows(), chain.rows() + 1, problem.get());
        }
        return chain;
    }

    /**
     * Why the log cannot be trusted as it stands (rows cut off its end, the chain rewritten, the
     * anchor gone), from the last check; empty while database and anchor agree.
     */
    public Optional<String> integrityProblem() {
        return anchorCheck.problem();
    }

    /**
     * After an admin has reviewed a mismatch: appends one {@code audit.reanchored} row that
     * records what the anchor and the database said, and anchors the log at that row. The only
     * way past a mismatch; never done by the console on its own.
     */
    @PreAuthorize("hasRole('ADMIN')")
    @AuditedAction(AuditActions.AUDIT_REANCHORED)
    public AuditEvent reanchor(@Nullable String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new org.vsconsole.base.InvalidInputException("reason", "say in 1 to 500 characters what was reviewed");
        }
        appendLock.lock();
        try {
            AuditEvent appended = anchorCheck.reanchor(actors.current(), reason.strip());
            log.warn("Audit log re-anchored at row {} by {}: {}", appended.seq(), appended.actor(), reason.strip());
            appended(appended, true);
            return appended;
        } finally {
            appendLock.unlock();
        }
    }

    private Optional<String> checkIntegrityLocked() {
        appendLock.lock();
        try {
            return anchorCheck.check();
        } finally {
            appendLock.unlock();
        }
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}

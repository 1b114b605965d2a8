package org.vsconsole.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.vsconsole.base.ActionRefusedException;
import tools.jackson.databind.ObjectMapper;

/**
 * The one API through which every feature records what happened. Appends are serialised so the
 * sequence stays gap-free and each row links to the one before; each append commits in its own
 * transaction, so a denied or failed attempt is recorded even when the caller's work rolls back.
 */
@Service
public class AuditService implements ApplicationEventPublisherAware {

    private static final Logger log = LoggerFactory.getLogger(AuditService.class);

    private final AuditRepository repository;
    private final ActorResolver actors;
    private final ObjectMapper json;
    private final TransactionTemplate ownTransaction;
    private final AuditAnchor anchor;
    private ApplicationEventPublisher events;
    private final ReentrantLock appendLock = new ReentrantLock();
    private final ObjectProvider<IntentRecorder> intents;
    private ObjectProvider<AuditAttachmentCheck> attachmentChecks;
    private final List<Consumer<AuditEvent>> listeners = new CopyOnWriteArrayList<>();

    AuditService(AuditRepository repository, ActorResolver actors, ObjectMapper json, PlatformTransactionManager tx,
            AuditAnchor anchor) {
        this(repository, actors, json, tx, anchor, null);
    }

    @Autowired
    AuditService(AuditRepository repository, ActorResolver actors, ObjectMapper json, PlatformTransactionManager tx,
            AuditAnchor anchor, ObjectProvider<IntentRecorder> intents) {
        this.intents = intents;
        this.repository = repository;
        this.anchor = anchor;
        this.actors = actors;
        this.json = json;
        this.ownTransaction = new TransactionTemplate(tx);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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
    public AuditEvent record(AuditEntry entry) {
        return record(actors.current(), entry, UUID.randomUUID().toString());
    }

    /** Records an entry for an explicit actor, e.g. the console itself or an external change. */
    public AuditEvent record(Actor actor, AuditEntry entry, String correlationId) {
        appendLock.lock();
        try {
            AuditEvent appended = ownTransaction.execute(status -> append(actor, entry, correlationId));
            anchor.write(appended.seq(), appended.hash());
            if (events != null) {
                events.publishEvent(new AuditRecorded(appended));
            }
            tellListeners(appended);
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
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void tellListeners(AuditEvent appended) {
        for (Consumer<AuditEvent> listener : listeners) {
            try {
                listener.accept(appended);
            } catch (RuntimeException e) {
                // a page that went away must not fail the action it was watching
                log.debug("An audit listener failed", e);
            }
        }
    }

    /**
     * Runs {@code work} and records its outcome: {@code ok} with the result as "after",
     * {@code denied} on {@link AccessDeniedException} or {@link ActionRefusedException}, {@code failed}
     * with the error's message otherwise. The exception is rethrown unchanged.
     */
    public <T> T audited(String action, AuditTarget target, Object before, Supplier<T> work) {
        long started = System.nanoTime();
        Actor actor = actors.current();
        String correlationId = UUID.randomUUID().toString();
        // The intent is committed before the work touches the tree or the driver (AU2).
        IntentRecorder recorder = intentRecorder();
        Object intent = recorder.started(correlationId, actor, action, target, before);
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

    private IntentRecorder intentRecorder() {
        return intents == null ? IntentRecorder.NONE : intents.getIfAvailable(() -> IntentRecorder.NONE);
    }

    @PreAuthorize("hasAnyRole('ADMIN','AUDITOR')")
    public List<AuditEvent> find(AuditQuery query, int offset, int limit) {
        return repository.find(query, offset, Math.min(limit, 1000));
    }

    @PreAuthorize("hasAnyRole('ADMIN','AUDITOR')")
    public long count(AuditQuery query) {
        return repository.count(query);
    }

    /** Events of one guest, for its detail page; callers check that the user may see the guest. */
    @PreAuthorize("isAuthenticated()")
    public List<AuditEvent> findForGuest(String guest, int offset, int limit) {
        return repository.find(AuditQuery.forGuest(guest), offset, Math.min(limit, 1000)).stream()
                .filter(e -> guest.equals(e.targetGuest()))
                .toList();
    }

    /**
     * Walks the whole chain in order and names the first row that no longer fits, including rows
     * cut off the end (found by the anchor file outside the database).
     */
    @PreAuthorize("hasAnyRole('ADMIN','AUDITOR')")
    public ChainVerification verify() {
        List<AuditAttachmentCheck> checks = attachmentChecks == null ? List.of() : attachmentChecks.orderedStream().toList();
        return ChainVerifier.verify(repository::forEachInOrder, anchor.read().orElse(null), checks);
    }

    private AuditEvent append(Actor actor, AuditEntry entry, String correlationId) {
        AuditEvent last = repository.last().orElse(null);
        long seq = last == null ? 1 : last.seq() + 1;
        String prevHash = last == null ? AuditChain.GENESIS : last.hash();
        AuditTarget target = entry.target() == null ? AuditTarget.NONE : entry.target();
        AuditEvent unhashed = new AuditEvent(seq, Instant.now().truncatedTo(ChronoUnit.MICROS),
                truncate(actor.name(), 64), truncate(actor.roles(), 100), truncate(actor.clientAddress(), 64),
                truncate(entry.action(), 64), truncate(target.guest(), 63), target.xid(),
                truncate(target.detail(), 200), toJson(entry.before()), toJson(entry.after()), entry.outcome(),
                truncate(entry.message(), 1000), entry.durationMs(), correlationId, prevHash, null);
        AuditEvent hashed = withHash(unhashed, AuditChain.hash(unhashed, prevHash));
        repository.insert(hashed);
        return hashed;
    }

    private String toJson(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return json.writeValueAsString(s);
        }
        return json.writeValueAsString(value);
    }

    private static AuditEvent withHash(AuditEvent e, String hash) {
        return new AuditEvent(e.seq(), e.time(), e.actor(), e.actorRoles(), e.clientAddress(), e.action(),
                e.targetGuest(), e.targetXid(), e.targetDetail(), e.beforeJson(), e.afterJson(), e.outcome(),
                e.message(), e.durationMs(), e.correlationId(), e.prevHash(), hash);
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}

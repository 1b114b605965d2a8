package org.vsconsole.sync;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.vsconsole.audit.Actor;
import org.vsconsole.audit.AuditTarget;
import org.vsconsole.audit.IntentRecorder;
import org.vsconsole.audit.Outcome;
import java.util.List;
import org.vsconsole.host.config.ConfigWriteListener;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.GuestConfigReader;
import org.vsconsole.host.config.GuestConfigWriter;
import org.vsconsole.host.config.PlannedFile;
import tools.jackson.databind.ObjectMapper;
import org.vsconsole.host.config.HostGrammar;
import org.jspecify.annotations.Nullable;

/**
 * The intent journal: {@link org.vsconsole.audit.AuditService#audited} calls it before and after
 * every state-changing action. The intent row (actor, action, guest, the guest's digest before)
 * is committed before the work starts; the outcome closes it. While an action on a guest is open,
 * the guest's reconcile waits, so the console's own change is never taken for a hand edit.
 */
@Component
class IntentJournal implements IntentRecorder {

    private static final Logger log = LoggerFactory.getLogger(IntentJournal.class);

    record Handle(long id, @Nullable String guest, String action) {
    }

    private final SyncRepository repository;
    private final SyncService sync;
    private final GuestConfigReader reader;
    private final ObjectMapper json;
    private final Duration testPause;
    /**
     * The intents open on this thread, innermost last: {@link org.vsconsole.audit.AuditService#audited} runs the work
     * on the caller's thread, so a file plan the writer announces belongs to the innermost one.
     */
    private final ThreadLocal<java.util.ArrayDeque<Handle>> open = ThreadLocal.withInitial(java.util.ArrayDeque::new);

    IntentJournal(SyncRepository repository, SyncService sync, GuestConfigReader reader, ObjectMapper json,
            SyncProperties settings, GuestConfigWriter writer) {
        this.repository = repository;
        this.sync = sync;
        this.reader = reader;
        this.json = json;
        this.testPause = settings.testPauseAfterIntent();
        writer.addListener(new ConfigWriteListener() {

            @Override
            public void filesPlanned(String guest, List<PlannedFile> files) {
                planned(guest, files);
            }

            @Override
            public void written(String guest, GuestConfig after) {
            }

            @Override
            public void created(String guest, GuestConfig after) {
            }

            @Override
            public void deleted(String guest) {
            }
        });
    }

    /**
     * Records before and after of each file the innermost open intent on this thread is about to
     * write (committed before the writer touches the first one), so recovery can tell applied,
     * not applied and partly applied apart file by file and put a half-written change back.
     */
    void planned(String guest, List<PlannedFile> files) {
        Handle h = open.get().peekLast();
        if (h == null || files.isEmpty()) {
            return;
        }
        if (!guest.equals(h.guest())) {
            log.warn("{} of intent {} on '{}' writes files of '{}': not recorded with the intent", h.action(), h.id(), h.guest(), guest);
            return;
        }
        repository.insertIntentFiles(h.id(), files);
    }

    @Override
    public Object started(String correlationId, Actor actor, String action, AuditTarget target, @Nullable Object before) {
        String guest = target == null ? null : target.guest();
        // the guest the action is on, when the target names one
        String guestName = HostGrammar.isGuestName(guest) ? guest : null;
        String digest = null;
        if (guestName != null && reader.isGuest(guestName)) {
            try {
                digest = reader.readGuest(guestName).digest();
            } catch (RuntimeException e) {
                log.debug("No digest for '{}' before {}: {}", guestName, action, e.getMessage());
            }
        }
        String beforeJson = null;
        if (before != null) {
            try {
                beforeJson = json.writeValueAsString(before);
                if (beforeJson.length() > 100_000) {
                    beforeJson = beforeJson.substring(0, 100_000);
                }
            } catch (RuntimeException e) {
                beforeJson = "\"(not serialisable: " + e.getClass().getSimpleName() + ")\"";
            }
        }
        long id = repository.insertIntent(correlationId, actor.name(), action, guest, target == null ? null : target.xid(),
                digest, beforeJson);
        if (guestName != null) {
            sync.beginAction(guestName);
        }
        if (!testPause.isZero() && !testPause.isNegative()) {
            log.warn("Test pause after intent {} ({} on {}): {}", id, action, guest, testPause);
            try {
                Thread.sleep(testPause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Handle handle = new Handle(id, guestName, action);
        open.get().addLast(handle);
        return handle;
    }

    @Override
    public void finished(@Nullable Object handle, Outcome outcome, @Nullable String message) {
        if (!(handle instanceof Handle h)) {
            return;
        }
        open.get().remove(h);
        try {
            repository.finishIntent(h.id(), outcome.dbValue());
        } finally {
            // The writer itself tells sync of the console's writes; here the guest's reconcile resumes.
            if (h.guest() != null) {
                sync.endAction(h.guest());
            }
        }
    }
}

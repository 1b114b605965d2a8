package org.vsconsole.sync;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.vsconsole.audit.Actor;
import org.vsconsole.audit.AuditTarget;
import org.vsconsole.audit.IntentRecorder;
import org.vsconsole.audit.Outcome;
import org.vsconsole.host.config.GuestConfigReader;
import tools.jackson.databind.ObjectMapper;
import org.vsconsole.host.config.HostGrammar;

/**
 * The intent journal: {@link org.vsconsole.audit.AuditService#audited} calls it before and after
 * every state-changing action. The intent row (actor, action, guest, the guest's digest before)
 * is committed before the work starts; the outcome closes it. While an action on a guest is open,
 * the guest's reconcile waits, so the console's own change is never taken for a hand edit.
 */
@Component
class IntentJournal implements IntentRecorder {

    private static final Logger log = LoggerFactory.getLogger(IntentJournal.class);

    record Handle(long id, String guest, String action) {
    }

    private final SyncRepository repository;
    private final SyncService sync;
    private final GuestConfigReader reader;
    private final ObjectMapper json;
    private final Duration testPause;

    IntentJournal(SyncRepository repository, SyncService sync, GuestConfigReader reader, ObjectMapper json,
            SyncProperties settings) {
        this.repository = repository;
        this.sync = sync;
        this.reader = reader;
        this.json = json;
        this.testPause = settings.testPauseAfterIntent();
    }

    @Override
    public Object started(String correlationId, Actor actor, String action, AuditTarget target, Object before) {
        String guest = target == null ? null : target.guest();
        boolean guestName = HostGrammar.isGuestName(guest);
        String digest = null;
        if (guestName && reader.isGuest(guest)) {
            try {
                digest = reader.readGuest(guest).digest();
            } catch (RuntimeException e) {
                log.debug("No digest for '{}' before {}: {}", guest, action, e.getMessage());
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
        if (guestName) {
            sync.beginAction(guest);
        }
        if (!testPause.isZero() && !testPause.isNegative()) {
            log.warn("Test pause after intent {} ({} on {}): {}", id, action, guest, testPause);
            try {
                Thread.sleep(testPause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new Handle(id, guestName ? guest : null, action);
    }

    @Override
    public void finished(Object handle, Outcome outcome, String message) {
        if (!(handle instanceof Handle h)) {
            return;
        }
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

package org.vsconsole.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the events held while the disk was full into the chain, oldest first, each marked with
 * when it happened, then one {@code storage.recovered} row with the count (and how many were
 * dropped, if the queue overflowed). An event a replay cut short already wrote is skipped, not
 * written twice. Callers hold the append lock.
 */
final class HeldReplay {

    /** The audit service's log: held rows are its rows. */
    private static final Logger log = LoggerFactory.getLogger(AuditService.class);

    private final AuditRows rows;
    private final Consumer<AuditEvent> appended;

    /** @param appended told of each row written (moves the anchor, tells the listeners) */
    HeldReplay(AuditRows rows, Consumer<AuditEvent> appended) {
        this.rows = rows;
        this.appended = appended;
    }

    /** True when every taken event is in; false, with the rest put back into {@code held}, when the database still refuses. */
    boolean write(HeldEvents held, HeldEvents.Taken taken) {
        List<HeldEvents.Held> events = taken.events();
        int written = 0;
        int skipped = 0;
        try {
            for (HeldEvents.Held h : events) {
                AuditEntry e = h.entry();
                AuditEntry marked = new AuditEntry(e.action(), e.target(), e.before(), e.after(), e.outcome(),
                        "(held while the disk was full, at " + h.at() + ")" + (e.message() == null ? "" : " " + e.message()),
                        e.durationMs());
                AuditEvent row = rows.appendHeld(h.actor(), marked, h.correlationId(), h.id());
                if (row != null) {
                    appended.accept(row);
                } else {
                    skipped++;
                }
                written++;
            }
            if (!events.isEmpty() || taken.dropped() > 0) {
                String message = (events.size() - skipped) + " audit event(s) held while the disk was full written"
                        + (skipped > 0 ? " (" + skipped + " were already in, from a replay cut short)" : "")
                        + (taken.dropped() > 0
                                ? "; " + taken.dropped() + " older one(s) were dropped (at most " + HeldEvents.MAX + " are held)"
                                : "");
                AuditEvent done = rows.append(Actor.SYSTEM, new AuditEntry(AuditActions.STORAGE_RECOVERED,
                        AuditTarget.NONE, null, Map.of("written", events.size() - skipped, "skipped", skipped, "dropped", taken.dropped()),
                        Outcome.OK, message, 0),
                        UUID.randomUUID().toString());
                appended.accept(done);
                log.warn("{}", message);
            }
            return true;
        } catch (RuntimeException e) {
            held.putBack(new ArrayList<>(events.subList(written, events.size())), taken.dropped());
            log.warn("The database does not take the held audit events yet ({} written): {}", written, e.getMessage());
            return false;
        }
    }
}

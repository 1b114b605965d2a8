package org.vsconsole.security;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.vsconsole.audit.Actor;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditEntry;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditTarget;
import org.vsconsole.audit.AuditWindows;
import org.vsconsole.audit.Outcome;
import org.jspecify.annotations.Nullable;

/**
 * Failed sign-ins in the audit log, aggregated per burst and client address: the first failure
 * from an address is recorded at once (so an attack shows while it runs); further failures of
 * that burst, whatever the name and refused ones included, are only counted and written as one
 * row with the count and the names tried when the burst has been quiet for {@link #QUIET} (or has
 * run {@link #MAX_BURST}). One anonymous client used to write ~76 rows a second; now it writes at
 * most two rows per five minutes, made-up names or not. Open bursts are capped at
 * {@link #MAX_OPEN}: beyond that the oldest is closed early.
 */
@Component
class FailedSignInAudit {

    static final Duration QUIET = Duration.ofSeconds(30);
    static final Duration MAX_BURST = Duration.ofMinutes(5);
    static final int MAX_OPEN = 10_000;

    /** Names listed in a burst's row; more are only counted. */
    static final int NAMES_LISTED = 10;

    private record Key(String address) {
    }

    private static final class Burst {

        final Instant first;
        Instant last;
        int more;
        int refused;
        @Nullable
        String lastMessage;
        final java.util.Set<String> names = new java.util.LinkedHashSet<>();
        boolean moreNames;

        Burst(Instant first) {
            this.first = first;
            this.last = first;
        }
    }

    private final AuditService audit;
    private final AuditWindows<Key, Burst> bursts;

    @Autowired
    FailedSignInAudit(AuditService audit) {
        this(audit, Clock.systemUTC(), true);
    }

    FailedSignInAudit(AuditService audit, Clock clock, boolean closeInBackground) {
        this.audit = audit;
        this.bursts = new AuditWindows<>("sign-in-audit", closeInBackground ? Duration.ofSeconds(5) : null, MAX_OPEN,
                clock, (b, now) -> b.last.isBefore(now.minus(QUIET)) || b.first.isBefore(now.minus(MAX_BURST)),
                this::summarize);
    }

    /** One failed or refused sign-in of {@code name} from {@code address}. */
    void failed(String name, @Nullable String address, @Nullable String message, boolean refused) {
        Key key = new Key(address == null ? "unknown" : address);
        Instant now = bursts.now();
        boolean first = bursts.add(key, () -> {
            Burst started = new Burst(now);
            started.names.add(clip(name));
            return started;
        }, burst -> {
            if (burst.names.size() < NAMES_LISTED) {
                burst.names.add(clip(name));
            } else if (!burst.names.contains(clip(name))) {
                burst.moreNames = true;
            }
            burst.more++;
            burst.refused += refused ? 1 : 0;
            burst.last = now;
            burst.lastMessage = message;
        });
        if (first) {
            audit.record(new Actor("anonymous", "", key.address()), new AuditEntry(AuditActions.AUTH_SIGN_IN,
                    AuditTarget.detail(clip(name)), null, null, Outcome.FAILED, message, 0), UUID.randomUUID().toString());
        }
    }

    /** Writes the count of every burst that has gone quiet or run long; returns how many closed. */
    int closeQuietBursts() {
        return bursts.closeDue();
    }

    private void summarize(Key key, Burst burst) {
        if (burst.more == 0) {
            return;
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("count", burst.more);
        after.put("names", new ArrayList<>(burst.names));
        after.put("moreNames", burst.moreNames);
        after.put("refusedByThrottle", burst.refused);
        after.put("from", burst.first.toString());
        after.put("to", burst.last.toString());
        String names = burst.names.size() == 1 && !burst.moreNames
                ? burst.names.iterator().next()
                : burst.names.size() + (burst.moreNames ? "+" : "") + " names";
        audit.record(new Actor("anonymous", "", key.address()), new AuditEntry(AuditActions.AUTH_SIGN_IN, AuditTarget.detail(names),
                null, after, Outcome.FAILED, burst.more + " more failed sign-ins of " + names + " from " + key.address()
                        + " (" + burst.refused + " refused by the throttle unchecked); last: " + burst.lastMessage,
                0),
                UUID.randomUUID().toString());
    }

    @PreDestroy
    void closeAll() {
        bursts.closeAll();
    }

    private static String clip(String name) {
        String n = name == null ? "" : name;
        return n.length() > 64 ? n.substring(0, 64) : n;
    }
}

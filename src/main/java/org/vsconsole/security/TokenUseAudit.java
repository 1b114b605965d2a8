package org.vsconsole.security;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
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

/**
 * Every use of an API token in the audit log, by token name, without a row per call: the first
 * use of a token from an address writes a {@code token.use} row at once; further uses are counted
 * (per method and path, and refusals apart) and written as one row with the counts when the token
 * has been quiet for {@link #QUIET} or after {@link #WINDOW}. A script polling once a second thus
 * leaves about 12 rows an hour instead of 3600. State-changing calls are audited by their services
 * as well, with the token's owner as actor.
 */
@Component
class TokenUseAudit {

    static final Duration QUIET = Duration.ofSeconds(60);
    static final Duration WINDOW = Duration.ofMinutes(5);
    static final int MAX_OPEN = 10_000;
    static final int PATHS_KEPT = 20;

    private record Key(long tokenId, String address) {
    }

    private static final class Window {

        final String username;
        final String tokenName;
        final Instant first;
        Instant last;
        int more;
        int refused;
        final Map<String, Integer> calls = new TreeMap<>();

        Window(String username, String tokenName, Instant first) {
            this.username = username;
            this.tokenName = tokenName;
            this.first = first;
            this.last = first;
        }
    }

    private final AuditService audit;
    private final AuditWindows<Key, Window> windows;

    @Autowired
    TokenUseAudit(AuditService audit) {
        this(audit, Clock.systemUTC(), true);
    }

    TokenUseAudit(AuditService audit, Clock clock, boolean closeInBackground) {
        this.audit = audit;
        this.windows = new AuditWindows<>("token-use-audit", closeInBackground ? Duration.ofSeconds(5) : null, MAX_OPEN,
                clock, (w, now) -> w.last.isBefore(now.minus(QUIET)) || w.first.isBefore(now.minus(WINDOW)),
                this::summarize);
    }

    /** One call made with the token; {@code refused} when the token's scope did not allow it. */
    void used(ApiTokenAuthentication token, String address, String method, String path, boolean refused) {
        Key key = new Key(token.tokenId(), address == null ? "unknown" : address);
        String call = method + " " + (path.length() > 120 ? path.substring(0, 120) + "…" : path);
        Instant now = windows.now();
        boolean first = windows.add(key, () -> new Window(token.getName(), token.tokenName(), now), w -> {
            w.more++;
            w.refused += refused ? 1 : 0;
            w.last = now;
            if (w.calls.containsKey(call) || w.calls.size() < PATHS_KEPT) {
                w.calls.merge(call, 1, Integer::sum);
            } else {
                w.calls.merge("(other)", 1, Integer::sum);
            }
        });
        if (first) {
            audit.record(new Actor(token.getName(), "", key.address()), new AuditEntry(AuditActions.TOKEN_USE,
                    AuditTarget.detail("token '" + token.tokenName() + "'"), null, Map.of("call", call),
                    refused ? Outcome.DENIED : Outcome.OK, refused ? "refused: the token is read-only" : null, 0),
                    UUID.randomUUID().toString());
        }
    }

    int closeQuietWindows() {
        return windows.closeDue();
    }

    private void summarize(Key key, Window w) {
        if (w.more == 0) {
            return;
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("count", w.more);
        after.put("refused", w.refused);
        after.put("calls", w.calls);
        after.put("from", w.first.toString());
        after.put("to", w.last.toString());
        audit.record(new Actor(w.username, "", key.address()), new AuditEntry(AuditActions.TOKEN_USE,
                AuditTarget.detail("token '" + w.tokenName + "'"), null, after, w.refused > 0 ? Outcome.DENIED : Outcome.OK,
                w.more + " more calls with token '" + w.tokenName + "'" + (w.refused > 0 ? ", " + w.refused + " refused" : ""),
                0), UUID.randomUUID().toString());
    }

    @PreDestroy
    void closeAll() {
        windows.closeAll();
    }
}

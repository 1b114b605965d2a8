package org.vsconsole.audit;

import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.vsconsole.base.RefusalRecorder;
import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestAttributes;

/**
 * Every API refusal of bad input lands in the audit log as {@code api.refused} (denied), also
 * those no service saw (a malformed body, a bad query parameter, a body over 1 MB), aggregated:
 * the first refusal of a caller for one method and path writes a row at once, repeats within
 * {@link #WINDOW} are counted and written as one row with the count when the window closes.
 */
@Component
class ApiRefusalAudit implements RefusalRecorder {

    static final Duration WINDOW = Duration.ofMinutes(1);
    static final int MAX_OPEN = 10_000;

    private record Key(String actor, String address, String call) {
    }

    private static final class Window {

        final Instant first;
        final Actor actor;
        int more;
        @Nullable
        String lastRule;

        Window(Instant first, Actor actor) {
            this.first = first;
            this.actor = actor;
        }
    }

    private final AuditService audit;
    private final ActorResolver actors;
    private final AuditWindows<Key, Window> windows;

    @Autowired
    ApiRefusalAudit(AuditService audit, ActorResolver actors) {
        this(audit, actors, Clock.systemUTC(), true);
    }

    ApiRefusalAudit(AuditService audit, ActorResolver actors, Clock clock, boolean closeInBackground) {
        this.audit = audit;
        this.actors = actors;
        this.windows = new AuditWindows<>("api-refusal-audit", closeInBackground ? Duration.ofSeconds(10) : null,
                MAX_OPEN, clock, (w, now) -> w.first.isBefore(now.minus(WINDOW)), this::summarize);
    }

    @Override
    public void refused(int status, String field, String rule) {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs)) {
            return;
        }
        HttpServletRequest request = attrs.getRequest();
        if (request.getAttribute(AUDITED) != null) {
            return;
        }
        String call = request.getMethod() + " " + request.getRequestURI();
        Actor actor = actors.current();
        Key key = new Key(actor.name(), String.valueOf(actor.clientAddress()), call);
        String text = status + " " + field + ": " + rule;
        boolean first = windows.add(key, () -> new Window(windows.now(), actor), w -> {
            w.more++;
            w.lastRule = text;
        });
        if (first) {
            audit.record(actor, new AuditEntry(AuditActions.API_REFUSED, AuditTarget.detail(call), null, null, Outcome.DENIED, text, 0),
                    UUID.randomUUID().toString());
        }
    }

    /** The request's outcome is audited by {@link AuditService#audited}: its refusal need not be written again. */
    static void markAudited() {
        if (RequestContextHolder.getRequestAttributes() instanceof RequestAttributes attributes) {
            attributes.setAttribute(AUDITED, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
        }
    }

    int closeWindows() {
        return windows.closeDue();
    }

    private void summarize(Key key, Window w) {
        if (w.more == 0) {
            return;
        }
        audit.record(w.actor, new AuditEntry(AuditActions.API_REFUSED, AuditTarget.detail(key.call()), null, Map.of("count", w.more),
                Outcome.DENIED, w.more + " more refusals of the same call; last: " + w.lastRule, 0), UUID.randomUUID().toString());
    }

    @PreDestroy
    void closeAll() {
        windows.closeAll();
    }
}

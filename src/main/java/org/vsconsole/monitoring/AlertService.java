package org.vsconsole.monitoring;

import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditEntry;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditTarget;
import org.vsconsole.security.CurrentUser;
import org.jspecify.annotations.Nullable;

/** Alert settings (changed by ADMIN, audited) and the list of fired alerts, scoped to the guests a user may see. */
@Service
public class AlertService {

    /** The audit action of a fired alert; recorded after the alert is stored, so a page may follow it. */
    static final String FIRED_ACTION = AuditActions.ALERT_FIRED;

    private final AlertStore store;
    private final AuditService audit;
    private final CurrentUser currentUser;
    private volatile @Nullable AlertSettings cached;

    AlertService(AlertStore store, AuditService audit, CurrentUser currentUser) {
        this.store = store;
        this.audit = audit;
        this.currentUser = currentUser;
    }

    public AlertSettings settings() {
        AlertSettings s = cached;
        if (s == null) {
            s = store.settings();
            cached = s;
        }
        return s;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @org.vsconsole.audit.AuditedAction(AuditActions.ALERT_SETTINGS)
    public AlertSettings update(AlertSettings next) {
        AlertSettings before = settings();
        return audit.audited(AuditActions.ALERT_SETTINGS, AuditTarget.detail("alert rules"), before, () -> {
            store.save(next);
            cached = next;
            return next;
        });
    }

    /** The newest fired alerts of guests the user may see. */
    @PreAuthorize("isAuthenticated()")
    public List<AlertFiring> recent(int limit) {
        boolean all = currentUser.seesAllGuests();
        var owned = all ? java.util.Set.<String>of() : currentUser.ownedGuests();
        return store.recent(all ? limit : limit * 4).stream()
                .filter(f -> all || owned.contains(f.guest()))
                .limit(limit)
                .toList();
    }

    static Map<String, Object> auditAfter(AlertFiring f) {
        return Map.of("rule", f.rule(), "message", f.message(), "alertId", f.id());
    }

    static AuditEntry firedEntry(AlertFiring f, @Nullable Integer xid) {
        return AuditEntry.ok(FIRED_ACTION, AuditTarget.guest(f.guest(), xid), null, auditAfter(f), 0);
    }
}

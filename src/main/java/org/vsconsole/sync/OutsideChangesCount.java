package org.vsconsole.sync;

import com.vaadin.flow.shared.Registration;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditService;
import org.vsconsole.base.MenuCount;
import org.vsconsole.security.CurrentUser;

/**
 * The guests beside "Guests" that need a decision: changed outside the console since last
 * accepted, or made by hand and not adopted. Each such change, and each decision, is an audit
 * row, so the count follows the log.
 */
@Component
class OutsideChangesCount implements MenuCount {

    private static final Set<String> MOVES_IT = Set.of(AuditActions.GUEST_CHANGED_OUTSIDE,
            AuditActions.GUEST_APPEARED_OUTSIDE, AuditActions.GUEST_REMOVED_OUTSIDE, AuditActions.GUEST_DRIFT_ACCEPT,
            AuditActions.GUEST_DRIFT_RESTORE, AuditActions.GUEST_ADOPT, AuditActions.GUEST_CREATE,
            AuditActions.GUEST_DELETE);

    private final SyncService sync;
    private final AuditService audit;
    private final CurrentUser currentUser;

    OutsideChangesCount(SyncService sync, AuditService audit, CurrentUser currentUser) {
        this.sync = sync;
        this.audit = audit;
        this.currentUser = currentUser;
    }

    @Override
    public String path() {
        return "guests";
    }

    @Override
    public int count() {
        return (int) sync.statuses().values().stream()
                .filter(s -> s.drift() || s.unmanaged())
                .filter(s -> currentUser.maySee(s.name()))
                .count();
    }

    @Override
    public String tone() {
        return "warning";
    }

    @Override
    public String describe(int count) {
        return count + (count == 1 ? " guest needs" : " guests need") + " a decision: changed outside the console or not adopted";
    }

    @Override
    public Registration subscribe(Runnable changed) {
        return audit.subscribe(e -> {
            if (MOVES_IT.contains(e.action())) {
                changed.run();
            }
        });
    }
}

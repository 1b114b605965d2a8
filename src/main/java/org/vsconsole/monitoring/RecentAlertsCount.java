package org.vsconsole.monitoring;

import com.vaadin.flow.shared.Registration;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditService;
import org.vsconsole.base.MenuCount;

/**
 * The alerts of the last 24 hours beside "Alerts": alerts are not acknowledged, so a window is
 * what tells "something happened today" from an old list. Counted again at each fired alert,
 * which the audit log carries.
 */
@Component
class RecentAlertsCount implements MenuCount {

    static final Duration WINDOW = Duration.ofHours(24);
    private static final int MOST = 99;

    private final AlertService alerts;
    private final AuditService audit;

    RecentAlertsCount(AlertService alerts, AuditService audit) {
        this.alerts = alerts;
        this.audit = audit;
    }

    @Override
    public String path() {
        return "alerts";
    }

    @Override
    public int count() {
        Instant since = Instant.now().minus(WINDOW);
        return (int) alerts.recent(MOST + 1).stream().filter(f -> f.firedAt().isAfter(since)).count();
    }

    @Override
    public String tone() {
        return "error";
    }

    @Override
    public String describe(int count) {
        return (count > MOST ? "more than " + MOST : Integer.toString(count)) + (count == 1 ? " alert" : " alerts")
                + " in the last 24 hours";
    }

    @Override
    public Registration subscribe(Runnable changed) {
        return audit.subscribe(e -> {
            if (AuditActions.ALERT_FIRED.equals(e.action())) {
                changed.run();
            }
        });
    }
}

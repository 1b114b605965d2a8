package org.vsconsole.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.server.VaadinSession;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.vsconsole.ConsoleViewTest;
import org.vsconsole.audit.Actor;
import org.vsconsole.audit.AuditService;

/**
 * The menu says how many alerts fired in the last 24 hours, in words for screen readers too, and
 * the number grows by push when one fires while any page is open (issue 13: counts in the menu).
 */
@WithMockUser(username = "menu-admin", roles = "ADMIN")
@ViewPackages(packages = {"org.vsconsole.monitoring", "org.vsconsole.base"})
class MenuCountsTest extends ConsoleViewTest {

    @Autowired
    AlertStore store;

    @Autowired
    AuditService audit;

    @Test
    void anAlertThatFiresWhileAPageIsOpenRaisesTheMenuCount() {
        fire("menu-old", Instant.now().minus(RecentAlertsCount.WINDOW).minusSeconds(60));
        navigate(DashboardView.class);
        int before = shown();

        fire("menu-" + UUID.randomUUID().toString().substring(0, 8), Instant.now());
        var session = VaadinSession.getCurrent();
        session.getService().runPendingAccessTasks(session);
        roundTrip();

        Span badge = badge();
        assertThat(shown()).isEqualTo(before + 1);
        assertThat(badge.isVisible()).isTrue();
        assertThat(badge.getElement().getAttribute("aria-label")).isEqualTo((before + 1)
                + (before + 1 == 1 ? " alert" : " alerts") + " in the last 24 hours");
    }

    /** What the alert engine does when a rule fires: store it, then audit it. */
    private void fire(String guest, Instant at) {
        AlertFiring firing = store.insert(at, guest, AlertFiring.LIMIT_HITS, "nproc refused 3 forks");
        audit.record(Actor.SYSTEM, AlertService.firedEntry(firing, null), UUID.randomUUID().toString());
    }

    private int shown() {
        Span badge = badge();
        return badge.isVisible() ? Integer.parseInt(badge.getText()) : 0;
    }

    /** Found also while hidden (at zero), which the visible-only query would not. */
    private static Span badge() {
        return (Span) find(com.vaadin.flow.component.UI.getCurrent(), "menu-count-alerts");
    }

    private static com.vaadin.flow.component.Component find(com.vaadin.flow.component.Component in, String id) {
        if (in.getId().filter(id::equals).isPresent()) {
            return in;
        }
        return in.getChildren().map(c -> find(c, id)).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }
}

package org.vsconsole.guests;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.server.VaadinSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.vsconsole.audit.AuditEvent;
import org.vsconsole.limits.GuestLimitsPanel;

/**
 * A guest's page follows the guest without a reload (issue 13, "Stale"): started elsewhere, it
 * says running and its limits are live; a boot mark removed and a host name changed on disk show
 * at once; the Audit tab gains the new rows. The open tab is named in the URL.
 */
@WithMockUser(username = "live-admin", roles = "ADMIN")
class GuestDetailLiveTest extends GuestsTestBase {

    @Autowired
    GuestService guests;

    @BeforeEach
    void pauseSampler() {
        sampler.stop();
    }

    @AfterEach
    void resumeSampler() {
        sampler.start();
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePageFollowsStateFilesAndAuditByPush() throws IOException {
        guest("live-web1", 4311, "10.66.3.11");
        Path dir = writer.reader().configRoot().resolve("live-web1");
        Files.createDirectories(dir.resolve("apps/init"));
        Files.writeString(dir.resolve("apps/init/mark"), "default\n");
        sampler.treeChanged();
        sampler.sample();

        navigate("guests/live-web1", GuestDetailView.class);
        assertThat($(Span.class).id("guest-state").getText()).isEqualTo("Stopped");
        assertThat($(Checkbox.class).id("guest-boot-mark").getValue()).isTrue();

        // another user starts it; a hand edit removes the boot mark and renames the host
        guests.start("live-web1");
        Files.delete(dir.resolve("apps/init/mark"));
        Files.writeString(dir.resolve("uts/nodename"), "renamed-by-hand\n");
        sampler.treeChanged();
        sampler.sample();
        runPushes();

        assertThat($(Span.class).id("guest-state").getText()).isEqualTo("Running");
        assertThat($(Span.class).id("guest-figures").getText()).startsWith("3 processes");
        assertThat($(Checkbox.class).id("guest-boot-mark").getValue()).as("boot mark removed on disk").isFalse();
        assertThat($(Div.class).id("guest-overview-facts").getElement().getTextRecursively()).contains("renamed-by-hand");

        TabSheet tabs = $(TabSheet.class).id("guest-tabs");
        selectTab(tabs, "Limits");
        assertThat(tabs.getSelectedTab().getLabel()).isEqualTo("Limits");
        assertThat($(GuestLimitsPanel.class).single().getElement().getTextRecursively())
                .contains("Live values are what the kernel enforces now").doesNotContain("is not running");

        selectTab(tabs, "Audit");
        Grid<AuditEvent> audit = $(Grid.class).id("guest-audit");
        assertThat(audit.getGenericDataView().getItems().map(AuditEvent::action)).contains("guest.start");
    }

    @Test
    void theTabNamedInTheUrlIsOpen() {
        guest("live-tab1", 4312, "10.66.3.12");
        sampler.treeChanged();
        sampler.sample();

        open("live-tab1", "audit");
        assertThat($(TabSheet.class).id("guest-tabs").getSelectedTab().getLabel()).isEqualTo("Audit");

        open("live-tab1", "no-such-tab");
        assertThat($(TabSheet.class).id("guest-tabs").getSelectedTab().getLabel()).isEqualTo("Overview");
    }

    /** Opens a guest's page as a link with {@code ?tab=} would (browserless navigate takes no query). */
    private void open(String guest, String tab) {
        UI.getCurrent().navigate(GuestDetailView.class, new RouteParameters("name", guest),
                QueryParameters.of(GuestDetailView.TAB_PARAMETER, tab));
        assertThat(getCurrentView()).isInstanceOf(GuestDetailView.class);
    }

    private static void selectTab(TabSheet tabs, String label) {
        for (int i = 0;; i++) {
            tabs.setSelectedIndex(i);
            if (tabs.getSelectedTab().getLabel().equals(label)) {
                return;
            }
        }
    }

    /** Runs the ui.access tasks the sampler and the audit log queued, as the push connection would. */
    private static void runPushes() {
        var session = VaadinSession.getCurrent();
        session.getService().runPendingAccessTasks(session);
        roundTrip();
    }
}

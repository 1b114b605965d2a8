package org.vsconsole.guests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextField;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.base.StateConflictException;
import org.vsconsole.host.config.ConfigConflictException;
import org.vsconsole.host.config.InterfaceEntry;

/**
 * Editing an existing guest as staff do it: an address and the host name change on disk with an
 * audit row of before and after, and say they take effect at the next start; an address another
 * guest uses, a stale edit or a context change while running change nothing and say why; an
 * owner may not edit; the Network tab's dialog puts a refusal next to its field.
 */
@WithMockUser(username = "settings-admin", roles = "ADMIN")
class GuestSettingsEditTest extends GuestsTestBase {

    @Autowired
    GuestSettingsService settings;

    @Autowired
    GuestService guests;

    @Test
    void anAddressAndTheHostNameChangeOnDiskAuditedAndTakeEffectAtTheNextStart() throws Exception {
        guest("edit1", 4651, "10.71.5.1");
        String digest = guests.config("edit1").digest();

        GuestSettingsService.Saved saved = settings.setInterface("edit1", "0", "10.71.5.77", "25", "eth0", digest);

        assertThat(saved.takesEffect()).isEqualTo("at the next start");
        assertThat(Files.readString(writer.reader().configRoot().resolve("edit1/interfaces/0/ip"))).isEqualTo("10.71.5.77\n");
        assertThat(Files.readString(writer.reader().configRoot().resolve("edit1/interfaces/0/prefix"))).isEqualTo("25\n");
        Map<String, Object> row = jdbc.sql("SELECT outcome, before_json, after_json FROM audit_event"
                + " WHERE action = 'guest.set-interface' AND target_guest = 'edit1'").query().singleRow();
        assertThat(row.get("outcome")).isEqualTo("ok");
        assertThat(String.valueOf(row.get("before_json"))).contains("10.71.5.1");
        assertThat(String.valueOf(row.get("after_json"))).contains("10.71.5.77");

        settings.setHostName("edit1", "edit1-renamed", "example.org", saved.config().digest());
        assertThat(guests.config("edit1").nodename()).isEqualTo("edit1-renamed");
        assertThat(guests.config("edit1").domainname()).isEqualTo("example.org");
    }

    @Test
    void anAddressInUseAStaleEditAndAContextChangeWhileRunningChangeNothing() {
        guest("edit2", 4652, "10.71.5.2");
        guest("edit3", 4653, "10.71.5.3");
        String digest = guests.config("edit2").digest();

        assertThatThrownBy(() -> settings.setInterface("edit2", "0", "10.71.5.3", "24", "eth0", digest))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("edit3");
        assertThatThrownBy(() -> settings.setInterface("edit2", "0", "10.71.5.300", "24", "eth0", digest))
                .isInstanceOf(InvalidInputException.class).extracting(e -> ((InvalidInputException) e).field()).isEqualTo("ip");
        assertThat(lastAudit("guest.set-interface", "edit2").get("message")).as("a refused value leaves its row")
                .asString().contains("ip");
        assertThatThrownBy(() -> settings.setContext("edit2", "not-a-number", digest)).isInstanceOf(InvalidInputException.class);
        assertThat(lastAudit("guest.set-context", "edit2").get("outcome")).isNotEqualTo("succeeded");
        assertThatThrownBy(() -> settings.setContext("edit2", "4653", digest))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("edit3");

        handSetAddress("edit2", "10.71.5.12");
        assertThatThrownBy(() -> settings.setHostName("edit2", "other", null, digest))
                .isInstanceOf(ConfigConflictException.class).hasMessageContaining("interfaces/0/ip");
        assertThat(guests.config("edit2").nodename()).isEqualTo("edit2");

        guests.start("edit2");
        String now = guests.config("edit2").digest();
        assertThatThrownBy(() -> settings.setContext("edit2", "4660", now)).isInstanceOf(StateConflictException.class)
                .hasMessageContaining("stop it");
        assertThat(guests.config("edit2").context()).isEqualTo(4652);
        assertThat(lastAudit("guest.set-context", "edit2").get("outcome")).isEqualTo("denied");
        guests.stop("edit2");
    }

    @Test
    @WithMockUser(username = "settings-owner", roles = "OWNER")
    void anOwnerMayNotEditEvenTheirOwnGuestsAddresses() {
        assertThatThrownBy(() -> settings.setHostName("edit1", "x", null, "0".repeat(64)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void theNetworkTabEditsAnAddressAndShowsARefusalNextToItsField() {
        guest("edit4", 4654, "10.71.5.4");
        navigate("guests/edit4", GuestDetailView.class);
        TabSheet tabs = $(TabSheet.class).id("guest-tabs");
        for (int i = 0; !tabs.getSelectedTab().getLabel().equals("Network"); i++) {
            tabs.setSelectedIndex(i);
        }

        @SuppressWarnings("unchecked")
        Grid<InterfaceEntry> rows = $(Grid.class).id("guest-interfaces");
        var actions = test(rows).getCellComponent(0, rows.getColumns().indexOf(rows.getColumnByKey("actions")));
        Button edit = (Button) actions.getChildren().filter(c -> c.getId().orElse("").equals("edit-address-0"))
                .findFirst().orElseThrow();
        test(edit).click();
        TextField ip = $(TextField.class).id("edit-ip");
        test(ip).setValue("10.71.5.999");
        test($(Button.class).id("edit-save")).click();
        assertThat(ip.isInvalid()).as(() -> "the refusal at the field, not elsewhere: "
                + $(Notification.class).all().stream().map(n -> test(n).getText()).toList()).isTrue();
        assertThat(ip.getErrorMessage()).isNotBlank();

        test(ip).setValue("10.71.5.44");
        test($(Button.class).id("edit-save")).click();
        @SuppressWarnings("unchecked")
        Grid<InterfaceEntry> grid = $(Grid.class).id("guest-interfaces");
        assertThat(grid.getListDataView().getItems().map(InterfaceEntry::ip)).containsExactly("10.71.5.44");
    }
}

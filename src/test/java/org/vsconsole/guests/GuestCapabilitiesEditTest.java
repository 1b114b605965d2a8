package org.vsconsole.guests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.TabSheet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.vsconsole.ConsoleSpringTest;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.config.ConfigConflictException;

/**
 * The capabilities and personality editors (issue 13): what the guest gets is util-vserver's
 * default set with the file's changes, an edit writes only the difference with an audit row of
 * before and after; an unknown name, an unknown entry in a hand-made file or a stale digest
 * changes nothing and says which field or file; on the linux driver no capability that reaches
 * past the guest is given; REST and the Configuration tab's dialog do the same.
 */
@WithMockUser(username = "caps-admin", roles = "ADMIN")
class GuestCapabilitiesEditTest extends GuestsTestBase {

    @Autowired
    GuestSettingsService settings;

    @Autowired
    GuestService guests;

    @Autowired
    WebApplicationContext context;

    private Path file(String guest, String name) {
        return writer.reader().configRoot().resolve(guest).resolve(name);
    }

    @Test
    void anEditWritesOnlyWhatDiffersFromTheDefaultAndIsAuditedWithBeforeAndAfter() throws Exception {
        guest("caps1", 4671, "10.71.7.1");
        GuestCapabilities fresh = settings.capabilities("caps1");
        assertThat(fresh.system()).containsExactlyElementsOf(fresh.systemDefault()).contains("CHOWN", "KILL")
                .doesNotContain("NET_RAW");
        assertThat(fresh.context()).containsExactly("set_utsname", "raw_icmp", "audit_control");

        Set<String> system = new java.util.LinkedHashSet<>(fresh.system());
        system.add("net_raw");
        system.remove("KILL");
        GuestSettingsService.Saved saved = settings.setCapabilities("caps1", system, List.of("utsname", "secure_mount"),
                fresh.digest());

        assertThat(Files.readString(file("caps1", "bcapabilities"))).isEqualTo("NET_RAW\n!KILL\n");
        assertThat(Files.readString(file("caps1", "ccapabilities"))).isEqualTo("secure_mount\n!raw_icmp\n!audit_control\n");
        assertThat(saved.takesEffect()).contains("at the next start");
        GuestCapabilities after = settings.capabilities("caps1");
        assertThat(after.system()).contains("NET_RAW").doesNotContain("KILL");
        assertThat(after.context()).containsExactly("set_utsname", "secure_mount");
        Map<String, Object> row = jdbc.sql("SELECT outcome, before_json, after_json FROM audit_event"
                + " WHERE action = 'guest.set-capabilities' AND target_guest = 'caps1'").query().singleRow();
        assertThat(row.get("outcome")).isEqualTo("ok");
        assertThat(String.valueOf(row.get("before_json"))).contains("bcapabilities").doesNotContain("NET_RAW");
        assertThat(String.valueOf(row.get("after_json"))).contains("NET_RAW", "!KILL", "secure_mount");

        // back to the defaults: no files at all, as util-vserver builds a guest
        settings.setCapabilities("caps1", after.systemDefault(), after.contextDefault(), saved.config().digest());
        assertThat(file("caps1", "bcapabilities")).doesNotExist();
        assertThat(file("caps1", "ccapabilities")).doesNotExist();
    }

    @Test
    void unknownNamesAreRefusedNamingTheFieldAndChangeNothing() {
        guest("caps2", 4672, "10.71.7.2");
        String digest = guests.config("caps2").digest();
        assertThatThrownBy(() -> settings.setCapabilities("caps2", List.of("CHOWN", "SYS_EVERYTHING"), null, digest))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("SYS_EVERYTHING")
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("bcapabilities");
        assertThatThrownBy(() -> settings.setCapabilities("caps2", null, List.of("root\nCHOWN"), digest))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("ccapabilities");
        assertThatThrownBy(() -> settings.setPersonality("caps2", "WIN32", List.of(), digest))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("personality");
        assertThatThrownBy(() -> settings.setPersonality("caps2", "LINUX32", List.of("ADDR_LIMIT_9GB"), digest))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("personality flags");
        assertThatThrownBy(() -> settings.setPersonality("caps2", "", List.of("UNAME26"), digest))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("need a personality type");
        assertThat(lastAudit("guest.set-capabilities", "caps2").get("outcome")).as("a refusal leaves its row").isEqualTo("failed");
        assertThat(lastAudit("guest.set-personality", "caps2").get("message")).asString().contains("personality type");
        assertThat(file("caps2", "bcapabilities")).doesNotExist();
        assertThat(file("caps2", "ccapabilities")).doesNotExist();
        assertThat(file("caps2", "personality")).doesNotExist();
        assertThat(guests.config("caps2").digest()).isEqualTo(digest);
    }

    @Test
    void aHandMadeFileKeepsItsCommentsAndOneWithAnUnknownEntryIsNotRewritten() throws Exception {
        guest("caps3", 4673, "10.71.7.3");
        Files.writeString(file("caps3", "bcapabilities"), "# for the NTP daemon\nCAP_net_raw\n");
        sampler.treeChanged();
        GuestCapabilities now = settings.capabilities("caps3");
        assertThat(now.system()).contains("NET_RAW");
        Set<String> system = new java.util.HashSet<>(now.system());
        system.add("SYS_NICE");
        settings.setCapabilities("caps3", system, null, now.digest());
        assertThat(Files.readString(file("caps3", "bcapabilities"))).isEqualTo("# for the NTP daemon\nNET_RAW\nSYS_NICE\n");

        Files.writeString(file("caps3", "ccapabilities"), "all\n");
        sampler.treeChanged();
        GuestCapabilities unknown = settings.capabilities("caps3");
        assertThat(unknown.context()).isNull();
        assertThat(unknown.problem()).contains("ccapabilities").contains("'all'");
        assertThatThrownBy(() -> settings.setCapabilities("caps3", null, List.of("set_utsname"), unknown.digest()))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("ccapabilities");
        assertThat(Files.readString(file("caps3", "ccapabilities"))).isEqualTo("all\n");
    }

    @Test
    void aStaleEditIsRefusedNamingTheFileThatChanged() throws Exception {
        guest("caps4", 4674, "10.71.7.4");
        String digest = guests.config("caps4").digest();
        Files.writeString(file("caps4", "personality"), "LINUX32\n");
        sampler.treeChanged();
        assertThatThrownBy(() -> settings.setCapabilities("caps4", List.of("CHOWN"), null, digest))
                .isInstanceOf(ConfigConflictException.class).hasMessageContaining("personality");
        assertThat(file("caps4", "bcapabilities")).doesNotExist();

        GuestPersonality p = settings.personality("caps4");
        assertThat(p.type()).isEqualTo("LINUX32");
        settings.setPersonality("caps4", "linux32", List.of("addr_limit_3gb", "ADDR_LIMIT_3GB"), p.digest());
        assertThat(Files.readString(file("caps4", "personality"))).isEqualTo("LINUX32\nADDR_LIMIT_3GB\n");
        assertThat(lastAudit("guest.set-personality", "caps4").get("outcome")).isEqualTo("ok");
        settings.setPersonality("caps4", null, List.of(), guests.config("caps4").digest());
        assertThat(file("caps4", "personality")).doesNotExist();
    }

    @Test
    void theLinuxDriverGivesNoCapabilityThatReachesPastTheGuestAndSaysWhatItApplies() {
        assertThatThrownBy(() -> CapabilityEffects.requireAllowed("linux", Set.of("CHOWN", "SYS_ADMIN", "MKNOD")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("MKNOD, SYS_ADMIN are never given")
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("bcapabilities");
        CapabilityEffects.requireAllowed("vserver", Set.of("SYS_ADMIN"));
        CapabilityEffects.requireAllowed("linux", Set.of("CHOWN", "NET_RAW"));
        assertThat(CapabilityEffects.system("vserver")).isEqualTo("at the next start");
        assertThat(CapabilityEffects.system("linux")).contains("lxc.cap.drop").contains("changes nothing");
        assertThat(CapabilityEffects.context("linux")).startsWith("not at all on this driver");
        assertThat(CapabilityEffects.personality("linux", "LINUX32", List.of())).contains("lxc.arch linux32");
        assertThat(CapabilityEffects.personality("linux", "LINUX32", List.of("ADDR_LIMIT_3GB")))
                .contains("flags are not applied");
    }

    @Test
    @WithMockUser(username = "caps-owner", roles = "OWNER")
    void anOwnerMayNotEditCapabilities() {
        assertThatThrownBy(() -> settings.setCapabilities("caps1", List.of("CHOWN"), null, "0".repeat(64)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> settings.setPersonality("caps1", "LINUX32", List.of(), "0".repeat(64)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void restReadsWithAnETagAndWritesAgainstIt() throws Exception {
        guest("caps5", 4675, "10.71.7.5");
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        String etag = mvc.perform(get("/api/v1/guests/caps5/capabilities").with(admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.system[0]").value("CHOWN"))
                .andExpect(jsonPath("$.knownContext.length()").value(18))
                .andReturn().getResponse().getHeader("ETag");

        mvc.perform(put("/api/v1/guests/caps5/capabilities").header("If-Match", etag).contentType(MediaType.APPLICATION_JSON)
                .content("{\"context\":[\"set_utsname\",\"raw_icmp\",\"audit_control\",\"ping\",\"syslog\"]}").with(admin()))
                .andExpect(status().isOk())
                .andExpect(header().exists("ETag"))
                .andExpect(jsonPath("$.takesEffect").value("at the next start"));
        assertThat(Files.readString(file("caps5", "ccapabilities"))).isEqualTo("syslog\n");

        mvc.perform(put("/api/v1/guests/caps5/capabilities").header("If-Match", etag).contentType(MediaType.APPLICATION_JSON)
                .content("{\"context\":[\"set_utsname\"]}").with(admin()))
                .andExpect(status().isPreconditionFailed());
        String now = mvc.perform(get("/api/v1/guests/caps5/personality").with(admin()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.type").doesNotExist())
                .andReturn().getResponse().getHeader("ETag");
        mvc.perform(put("/api/v1/guests/caps5/personality").header("If-Match", now).contentType(MediaType.APPLICATION_JSON)
                .content("{\"type\":\"LINUX32\",\"flags\":[\"NOT_A_FLAG\"]}").with(admin()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("personality flags"));
        mvc.perform(put("/api/v1/guests/caps5/personality").header("If-Match", now).contentType(MediaType.APPLICATION_JSON)
                .content("{\"type\":\"LINUX32\",\"flags\":[\"UNAME26\"]}").with(admin()))
                .andExpect(status().isOk());
        assertThat(Files.readString(file("caps5", "personality"))).isEqualTo("LINUX32\nUNAME26\n");
    }

    @Test
    void theConfigurationTabsDialogTicksTheCurrentSetAndSavesTheChange() throws Exception {
        guest("caps6", 4676, "10.71.7.6");
        navigate("guests/caps6", GuestDetailView.class);
        TabSheet tabs = $(TabSheet.class).id("guest-tabs");
        for (int i = 0; !tabs.getSelectedTab().getLabel().equals("Configuration"); i++) {
            tabs.setSelectedIndex(i);
        }

        test($(Button.class).id("edit-capabilities-open")).click();
        @SuppressWarnings("unchecked")
        CheckboxGroup<String> system = $(CheckboxGroup.class).id("edit-bcaps");
        assertThat(system.getValue()).contains("CHOWN", "SETFCAP").doesNotContain("NET_RAW");
        Set<String> ticked = new java.util.HashSet<>(system.getValue());
        ticked.add("NET_RAW");
        system.setValue(ticked);
        test($(Button.class).id("edit-save")).click();
        assertThat(Files.readString(file("caps6", "bcapabilities"))).isEqualTo("NET_RAW\n");

        test($(Button.class).id("edit-personality-open")).click();
        @SuppressWarnings("unchecked")
        Select<String> type = $(Select.class).id("edit-personality-type");
        assertThat(type.getValue()).startsWith("none");
        type.setValue("LINUX32");
        test($(Button.class).id("edit-save")).click();
        assertThat(Files.readString(file("caps6", "personality"))).isEqualTo("LINUX32\n");
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
        return httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD);
    }
}

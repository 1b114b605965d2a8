package org.vsconsole.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vsconsole.security.TestAccounts.as;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.vsconsole.ConsoleSpringTest;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.HostProperties;
import org.vsconsole.security.Role;
import org.vsconsole.security.UserAccountService;

/**
 * Creation is enforced in the service whatever calls it: AUDITOR and OWNER are refused and the
 * refusal is audited as denied; refused input is audited as failed and leaves nothing on disk;
 * REST maps the same to 403 and 400 naming the field.
 */
@ConsoleSpringTest
class GuestCreationSecurityTest {

    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final String PASSWORD = "provisioning-pass-1";

    @Autowired
    GuestCreationService creation;

    @Autowired
    org.vsconsole.limits.LimitPresetService presets;

    @Autowired
    UserAccountService accounts;

    @Autowired
    HostProperties host;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.vsconsole.jobs.JobService jobs;

    @Autowired
    WebApplicationContext context;

    MockMvc mvc;

    @BeforeEach
    void mockMvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    static CreateGuestRequest request(String name, String context) {
        return new CreateGuestRequest(name, null, null, null, null, null, context, null, false, Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"AUDITOR", "OWNER"})
    void auditorsAndOwnersAreRefusedAndTheRefusalIsAudited(String role) throws Exception {
        String who = "prov-" + role.toLowerCase() + "-" + SEQ.incrementAndGet();
        List<String> before = entries();

        assertThatThrownBy(() -> as(who, () -> creation.create(request("sneaky1", null)), Role.valueOf(role)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> as(who, creation::suggestAddress, Role.valueOf(role)))
                .isInstanceOf(AccessDeniedException.class);

        assertThat(auditCount(GuestCreationService.ACTION, who, "denied")).isEqualTo(1);
        assertThat(entries()).as("nothing new in the config or guests root").isSubsetOf(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "-rf", ".defaults", "new"})
    void hostileNamesFromAnAdminAreAuditedAsFailedAndCreateNothing(String name) throws Exception {
        String who = "prov-admin-" + SEQ.incrementAndGet();
        List<String> before = entries();

        assertThatThrownBy(() -> as(who, () -> creation.create(request(name, null)), Role.ADMIN))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("name"));

        assertThat(auditCount(GuestCreationService.ACTION, who, "failed")).isEqualTo(1);
        assertThat(entries()).as("nothing new in the config or guests root").isSubsetOf(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+5", "0x10", "\u0663", "49152"})
    void hostileContextsAreRefusedNamingTheField(String xid) throws Exception {
        String who = "prov-operator-" + SEQ.incrementAndGet();
        assertThatThrownBy(() -> as(who, () -> creation.create(request("okname", xid)), Role.OPERATOR))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("context"));
        assertThat(auditCount(GuestCreationService.ACTION, who, "failed")).isEqualTo(1);
        assertThat(Files.exists(host.configRoot().resolve("okname"))).isFalse();
    }

    @Test
    void liveChecksAnswerOperators() {
        String who = "prov-live-" + SEQ.incrementAndGet();
        assertThat(as(who, creation::suggestXid, Role.OPERATOR)).matches("[0-9]+");
        assertThat(as(who, creation::suggestAddress, Role.OPERATOR)).startsWith("10.88.0.");
        assertThat(as(who, () -> creation.checkName("../x"), Role.OPERATOR)).isPresent();
        assertThat(as(who, () -> creation.whoHoldsAddress("10.88.0.250"), Role.OPERATOR)).isEmpty();
    }

    @Test
    void restRefusesBadInputWith400NamingTheField() throws Exception {
        mvc.perform(post("/api/v1/guests").with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"name":"prov-rest1","ip":"010.1.1.1","build":{"method":"skeleton"}}"""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.error").value("invalid-input"))
                .andExpect(jsonPath("$.field").value("ip"));
        mvc.perform(post("/api/v1/guests").with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"name":"prov-rest1","context":49152,"interface":"eth0"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("context"));
        assertThat(Files.exists(host.configRoot().resolve("prov-rest1"))).isFalse();
    }

    @Test
    void restRefusesAuditorsWith403() throws Exception {
        String auditor = "prov-rest-auditor-" + SEQ.incrementAndGet();
        String initial = "Initial-" + PASSWORD;
        as("admin", () -> accounts.create(auditor, initial, EnumSet.of(Role.AUDITOR), Set.of()), Role.ADMIN);
        as(auditor, () -> {
            accounts.changeOwnPassword(initial, PASSWORD);
            return null;
        }, Role.AUDITOR);

        mvc.perform(post("/api/v1/guests").with(httpBasic(auditor, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"name":"prov-rest2"}"""))
                .andExpect(status().isForbidden());
        assertThat(auditCount(GuestCreationService.ACTION, auditor, "denied")).isEqualTo(1);
        assertThat(Files.exists(host.configRoot().resolve("prov-rest2"))).isFalse();
    }

    @Test
    void wizardSuggestsFreeValuesAndPutsAServerRefusalNextToItsFieldOnItsStep() {
        String who = "prov-wizard-" + SEQ.incrementAndGet();
        CreateGuestWizardView wizard = as(who, () -> new CreateGuestWizardView(creation, jobs, presets), Role.OPERATOR);
        assertThat(wizard.ip.getValue()).startsWith("10.88.0.");
        assertThat(wizard.context.getValue()).matches("[0-9]+");
        assertThat(Stream.of(wizard.name, wizard.hostname, wizard.domain, wizard.ip, wizard.prefix, wizard.iface,
                wizard.context, wizard.method, wizard.next, wizard.back, wizard.create, wizard.startAfter, wizard.openGuest)
                .map(c -> c.getId().orElseThrow()))
                .containsExactly("wizard-name", "wizard-hostname", "wizard-domain", "wizard-ip", "wizard-prefix",
                        "wizard-interface", "wizard-context", "wizard-method", "wizard-next", "wizard-back", "wizard-create",
                        "wizard-start-after", "wizard-open-guest");

        // Choosing a preset fills the limit step with its hard values (memory shown in MiB).
        as(who, () -> {
            wizard.limitsStep.preset.setValue(wizard.limitsStep.preset.getListDataView().getItems()
                    .filter(p -> p.name().equals("small")).findFirst().orElseThrow());
            return null;
        }, Role.OPERATOR);
        assertThat(wizard.limitsStep.limits.get("nproc").getValue()).isEqualTo("150");
        assertThat(wizard.limitsStep.limits.get("rss").getValue()).isEqualTo("512");

        as(who, () -> {
            wizard.name.setValue("wiz1");
            wizard.context.setValue("0x10");
            assertThat(wizard.context.isInvalid()).as("live check").isTrue();
            wizard.showStep(5);
            wizard.create.click();
            return null;
        }, Role.OPERATOR);

        assertThat(wizard.step()).isEqualTo(2);
        assertThat(wizard.context.isInvalid()).isTrue();
        assertThat(wizard.context.getErrorMessage()).contains("decimal");
        assertThat(auditCount(GuestCreationService.ACTION, who, "failed")).isEqualTo(1);
        assertThat(Files.exists(host.configRoot().resolve("wiz1"))).isFalse();
    }

    private long auditCount(String action, String actor, String outcome) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = ? AND actor = ? AND outcome = ?")
                .params(action, actor, outcome).query(Long.class).single();
    }

    private List<String> entries() throws Exception {
        try (Stream<java.nio.file.Path> a = Files.list(host.configRoot()); Stream<java.nio.file.Path> b = Files.list(host.guestsRoot())) {
            return Stream.concat(a, b).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}

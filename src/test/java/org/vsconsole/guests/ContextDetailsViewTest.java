package org.vsconsole.guests;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.vsconsole.TempDataDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.TextField;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.config.GuestConfigWriter;
import org.vsconsole.host.config.InterfaceSpec;
import org.vsconsole.host.config.NewGuest;
import org.vsconsole.host.vserver.CommandTimeouts;
import org.vsconsole.host.vserver.FakeUtilVserver;
import org.vsconsole.monitoring.DashboardRow;
import org.vsconsole.monitoring.DashboardView;
import org.vsconsole.monitoring.Sampler;

/**
 * A Linux-VServer host as the vserver driver reads it: the reference's vs2.2 {@code /proc/virtual}
 * tree (contexts 40001..40004) plus a dynamic context 49153 and two host processes (xid 0), read
 * with the console's own parsers; util-vserver's tools are the recording fakes. What a user checks:
 * the Context tab shows the guest's cvirt figures, raw files only to an ADMIN; the stat table and
 * dashboard list the host as row 0 and contexts no guest names; a guest on a dynamic context is
 * marked and can be given a static one, refused while it runs, written (and audited) once stopped.
 *
 * <p>The one Spring test that does not share the suite's context: it needs the real vserver driver
 * instead of the suite's fake, so surefire runs it in a JVM of its own (see pom.xml).
 */
@SpringBootTest
@ActiveProfiles("test")
@ContextConfiguration(initializers = TempDataDir.class)
@ViewPackages(packages = {"org.vsconsole.guests", "org.vsconsole.monitoring", "org.vsconsole.base"})
@TestPropertySource(properties = "vsconsole.test.data-subdir=context")
class ContextDetailsViewTest extends SpringBrowserlessTest {

    static final Path HOME = home();

    @TestBean(name = "hostDriver", methodName = "org.vsconsole.guests.ContextDetailsViewTest#vserverDriver")
    HostDriver hostDriver;

    @Autowired
    GuestConfigWriter writer;

    @Autowired
    Sampler sampler;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WebApplicationContext context;

    static HostDriver vserverDriver() {
        return new FakeUtilVserver(HOME).driverOverProc(CommandTimeouts.all(Duration.ofSeconds(20)));
    }

    /** The reference's vs2.2 tree, a dynamic context 49153 and the host's init and one more process as xid 0. */
    private static Path home() {
        try {
            Path home = Files.createTempDirectory("vsconsole-ctx-");
            Path fixture = Path.of(ContextDetailsViewTest.class.getResource("/fixtures/proc/stat-vstat/proc").toURI());
            Path proc = home.resolve("proc");
            try (var files = Files.walk(fixture)) {
                for (Path source : files.toList()) {
                    Files.copy(source, proc.resolve(fixture.relativize(source).toString()));
                }
            }
            startDynamic(proc);
            hostProcess(proc, 1, "init", 100);
            hostProcess(proc, 2, "sshd", 12_000);
            Files.writeString(home.resolve("mountinfo"), "");
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Context 49153 runs (util-vserver started ctxdyn there): a copy of context 40004's files. */
    private static void startDynamic(Path proc) throws IOException {
        Path dynamic = proc.resolve("virtual/49153");
        if (Files.exists(dynamic.resolve("status"))) {
            return;
        }
        Files.createDirectories(dynamic);
        try (var files = Files.list(proc.resolve("virtual/40004"))) {
            for (Path source : files.toList()) {
                Files.copy(source, dynamic.resolve(source.getFileName()));
            }
        }
    }

    private static void hostProcess(Path proc, int pid, String comm, long start) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)));
        Files.writeString(dir.resolve("vinfo"), "XID:\t0\n");
        Files.writeString(dir.resolve("stat"), pid + " (" + comm + ") S 0 1 1 0 -1 4194560 100 0 0 0 250 150 0 0 20 0 1 0 "
                + start + " 104857600 2560 18446744073709551615 1 1 0 0 0\n");
    }

    @BeforeEach
    void guests() throws IOException {
        if (!Files.exists(writer.reader().configRoot().resolve("ctxweb"))) {
            create("ctxweb", 40001, "10.72.0.1");
            // util-vserver started this one on a dynamic context: no context file, its run file names the id
            create("ctxdyn", 40060, "10.72.0.2");
            Path dir = writer.reader().configRoot().resolve("ctxdyn");
            Files.delete(dir.resolve("context"));
            Files.writeString(dir.resolve("run"), "49153\n");
        }
        startDynamic(HOME.resolve("proc"));
        sampler.treeChanged();
        sampler.sample();
    }

    private void create(String name, int xid, String ip) throws IOException {
        writer.createGuest(new NewGuest(name, xid, name, null, List.of(new InterfaceSpec(ip, 24, "eth0", null, false)),
                "16m", false, Map.of()));
    }

    @Test
    @WithMockUser(username = "ctx-admin", roles = "ADMIN")
    void aRunningGuestShowsItsCvirtFiguresAndAnAdminItsRawFiles() {
        open("ctxweb", "tab", "context");

        assertThat(text("context-cvirt-load")).isEqualTo("0.08 / 0.03 / 0.01");
        assertThat(text("context-cvirt-threads")).isEqualTo("31");
        assertThat(text("context-cvirt-forks")).isEqualTo("48211");
        assertThat(text("context-cvirt-nodename")).isEqualTo("web1 (example.com)");
        assertThat(text("context-cvirt-release")).isEqualTo("Linux 2.6.22.19-vs2.2.0.7 x86_64");
        assertThat(text("context-sched-fill")).isEqualTo("1 / 4");
        assertThat(text("context-status-tasks")).isEqualTo("23");
        assertThat($(com.vaadin.flow.component.html.Paragraph.class).id("context-source").getText()).contains("/proc/virtual/40001");
        Details cvirt = $(Details.class).id("context-raw-cvirt");
        assertThat(cvirt.isOpened()).as("raw files start collapsed").isFalse();
        assertThat(cvirt.getSummaryText()).isEqualTo("/proc/virtual/40001/cvirt");
        assertThat(cvirt.getElement().getTextRecursively()).contains("total_forks:\t48211");
    }

    @Test
    @WithMockUser(username = "ctx-operator", roles = "OPERATOR")
    void anOperatorSeesTheFiguresButNoRawFiles() {
        open("ctxweb", "tab", "context");

        assertThat(text("context-cvirt-threads")).isEqualTo("31");
        assertThat($(Div.class).withId("context-raw").exists()).isFalse();
        assertThat($(Details.class).all()).isEmpty();
    }

    @Test
    void theApiGivesTheSameDetailsAndTheRawFilesOnlyToAnAdmin() throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        mvc.perform(get("/api/v1/guests/ctxweb/context").with(httpBasic("admin", org.vsconsole.ConsoleSpringTest.ADMIN_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.running").value(true))
                .andExpect(jsonPath("$.details.cvirt.threads").value(31))
                .andExpect(jsonPath("$.details.cvirt.load1").value(0.08))
                .andExpect(jsonPath("$.details.sockets[2].family").value("INET"))
                .andExpect(jsonPath("$.details.rawFiles.cvirt").exists());
        mvc.perform(get("/api/v1/guests/ctxweb/context").with(user("ctx-operator").roles("OPERATOR")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.details.cvirt.totalForks").value(48211))
                .andExpect(jsonPath("$.details.rawFiles").isEmpty());
    }

    @Test
    void theStatTableHasTheHostAsRowZeroAndListsContextsNoGuestNames() throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        mvc.perform(get("/api/v1/stat").with(httpBasic("admin", org.vsconsole.ConsoleSpringTest.ADMIN_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rows[0].xid").value(0))
                .andExpect(jsonPath("$.rows[0].kind").value("host"))
                .andExpect(jsonPath("$.rows[0].name").value("root server"))
                .andExpect(jsonPath("$.rows[0].processes").value(2))
                .andExpect(jsonPath("$.rows[1].xid").value(40001))
                .andExpect(jsonPath("$.rows[1].name").value("ctxweb"))
                .andExpect(jsonPath("$.rows[2].xid").value(40002))
                .andExpect(jsonPath("$.rows[2].kind").value("context"))
                .andExpect(jsonPath("$.rows[2].name").doesNotExist())
                .andExpect(jsonPath("$.rows[5].xid").value(49153))
                .andExpect(jsonPath("$.rows[5].name").value("ctxdyn"))
                .andExpect(jsonPath("$.rows[5].kind").value("guest"))
                .andExpect(jsonPath("$.rows[5].dynamicContext").value(true));
        // an owner sees only their guests: not the host, not others' contexts
        mvc.perform(get("/api/v1/stat").with(user("ctx-owner").roles("OWNER")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.rows").isEmpty());
    }

    @Test
    @WithMockUser(username = "ctx-admin", roles = "ADMIN")
    void theDashboardMarksTheHostRowAndOffersADynamicGuestAStaticContext() {
        DashboardView view = navigate(DashboardView.class);

        DashboardRow host = view.row("root server");
        assertThat(host.kind()).isEqualTo(DashboardRow.Kind.HOST);
        assertThat(host.xid()).isZero();
        assertThat(host.processesText()).isEqualTo("2");
        var hostCell = view.nameCell(host);
        assertThat(hostCell.getElement().getTextRecursively()).isEqualTo("root server host");
        assertThat(hostCell.getChildren().filter(Button.class::isInstance)).as("the host has no actions").isEmpty();
        assertThat(view.row("context 40002").kind()).isEqualTo(DashboardRow.Kind.CONTEXT);

        DashboardRow dynamic = view.row("ctxdyn");
        assertThat(dynamic.dynamic()).isTrue();
        var cell = view.nameCell(dynamic);
        assertThat(cell.getElement().getTextRecursively()).contains("dynamic context");
        assertThat(cell.getChildren().filter(Button.class::isInstance).map(b -> ((Button) b).getText()))
                .containsExactly("Assign a static context");
        assertThat($(Span.class).id("summary-running").getText()).as("the host is not a guest").isEqualTo("Running guests 2 of 2");
    }

    @Test
    @WithMockUser(username = "ctx-auditor", roles = "AUDITOR")
    void anAuditorSeesTheMarksButNoAction() {
        DashboardView view = navigate(DashboardView.class);
        var cell = view.nameCell(view.row("ctxdyn"));
        assertThat(cell.getElement().getTextRecursively()).contains("dynamic context");
        assertThat(cell.getChildren().filter(Button.class::isInstance)).isEmpty();
    }

    @Test
    @WithMockUser(username = "ctx-admin", roles = "ADMIN")
    void aStaticContextIsRefusedWhileTheGuestRunsAndWrittenAndAuditedOnceItStopped() throws IOException {
        Path contextFile = writer.reader().configRoot().resolve("ctxdyn/context");
        open("ctxdyn", "assign", "context");
        assertThat(text("guest-dynamic-context")).isEqualTo("Dynamic context 49153");
        TextField proposed = $(TextField.class).id("assign-context");
        assertThat(proposed.getValue()).as("the lowest id no guest names and nothing runs in").isEqualTo("2");

        test($(Button.class).id("edit-save")).click();
        assertThat(Files.exists(contextFile)).as("refused while running: nothing written").isFalse();
        Dialog dialog = $(Dialog.class).id("assign-context-dialog");
        assertThat(dialog.isOpened()).as("kept open with the reason").isTrue();
        assertThat(test($(Notification.class).last()).getText()).contains("running");
        assertThat(lastAudit("ctxdyn")).containsEntry("outcome", "denied");
        assertThat(lastAudit("ctxdyn").get("message").toString()).contains("running");

        dialog.close();

        // the guest stops: its dynamic context goes away
        deleteTree(HOME.resolve("proc/virtual/49153"));
        sampler.sample();
        open("ctxdyn", "tab", "configuration");
        test($(Button.class).id("assign-context-open")).click();
        test($(TextField.class).id("assign-context")).setValue("41000");
        test($(Button.class).id("edit-save")).click();

        assertThat(contextFile).hasContent("41000");
        assertThat(test($(Notification.class).last()).getText()).contains("at the next start");
        assertThat(lastAudit("ctxdyn")).containsEntry("outcome", "ok");
        // back as it was for the other tests: no static context, running on 49153
        Files.delete(contextFile);
    }

    /** Opens a guest's page as a link with a query would (browserless navigate takes no query). */
    private void open(String guest, String parameter, String value) {
        com.vaadin.flow.component.UI.getCurrent().navigate(GuestDetailView.class,
                new com.vaadin.flow.router.RouteParameters("name", guest),
                com.vaadin.flow.router.QueryParameters.of(parameter, value));
        assertThat(getCurrentView()).isInstanceOf(GuestDetailView.class);
    }

    private String text(String id) {
        return $(Span.class).id(id).getText();
    }

    private Map<String, Object> lastAudit(String guest) {
        return jdbc.sql("SELECT outcome, message FROM audit_event WHERE action = 'guest.set-context' AND target_guest = ?"
                + " ORDER BY seq DESC LIMIT 1").param(guest).query().singleRow();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

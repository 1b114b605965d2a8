package org.vsconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.vaadin.flow.component.html.Span;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.vsconsole.ConsoleSpringTest;
import org.vsconsole.ConsoleViewTest;

/**
 * The data directory's file system counts as full: the console turns read-only (banner on every
 * page, state changes 503 with the reason, reads and sign-in still work), holds the audit events
 * of that time outside the database, and once there is room writes them in order and takes
 * changes again without a restart. The disk is not filled here: the free-space floor is raised
 * above what the real file system of the test's data dir has (a real probe of a real file
 * system), then lowered again. DiskFullIT fills a real tmpfs under a running console.
 */
@WithMockUser(username = "admin", roles = "ADMIN")
class ReadOnlyWhenDiskFullTest extends ConsoleViewTest {

    @Autowired
    StorageGuard storage;

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void roomAgain() {
        storage.minFreeBytes(1);
        storage.check();
    }

    @Test
    void aFullDiskMakesTheConsoleReadOnlyAndNothingIsLostWhenSpaceReturns() throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity()).build();
        long seqBefore = maxSeq();

        storage.minFreeBytes(Long.MAX_VALUE);
        assertThat(storage.check()).as("writable").isFalse();
        assertThat(storage.problem()).get().asString().contains("file system is full");

        // a state change: refused before it starts, 503 with the reason, not a redirect to /login
        mvc.perform(post("/api/v1/me/tokens").with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"while-full\",\"expiresInDays\":7}"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.field").value("storage"))
                .andExpect(jsonPath("$.rule").value(org.hamcrest.Matchers.containsString("read-only until space is freed")));
        // reads and sign-in go on
        mvc.perform(get("/api/v1/me").with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD))).andExpect(status().isOk());
        // every page says why
        signedInAgain();
        navigate(AuditView.class);
        assertThat($(Span.class).id("shell-warning").getElement().getTextRecursively()).contains("Read-only")
                .contains("file system is full");

        assertThat(maxSeq()).as("nothing written to the database while full").isEqualTo(seqBefore);
        assertThat(storage.heldCount()).isGreaterThanOrEqualTo(2);
        assertThat(Files.readString(storage.held().spillFile())).contains("storage.read-only").contains("token.create");

        storage.minFreeBytes(1);
        assertThat(storage.check()).as("writable again, without a restart").isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> storage.heldCount() == 0 && storage.problem().isEmpty());

        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE seq > ? ORDER BY seq").param(seqBefore).query(String.class).list())
                .containsSubsequence("storage.read-only", "token.create", "storage.recovered");
        assertThat(jdbc.sql("SELECT message FROM audit_event WHERE seq > ? AND action = 'token.create' AND outcome = 'denied'")
                .param(seqBefore).query(String.class).single()).contains("held while the disk was full").contains("read-only");
        assertThat(storage.held().spillFile()).doesNotExist();
        assertThat(audit().verify().ok()).as("the chain holds across the held rows").isTrue();

        mvc.perform(post("/api/v1/me/tokens").with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"after-full\",\"expiresInDays\":7}"))
                .andExpect(status().isCreated());
        signedInAgain();
        navigate(AuditView.class);
        assertThat($(Span.class).all()).noneMatch(s -> "shell-warning".equals(s.getId().orElse(null)));
    }

    @Autowired
    AuditService auditService;

    /** MockMvc's sign-in replaced the test's user on this thread: the page is opened as admin again. */
    private static void signedInAgain() {
        var context = org.springframework.security.core.context.SecurityContextHolder.createEmptyContext();
        context.setAuthentication(org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(
                "admin", null, java.util.List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_ADMIN"))));
        org.springframework.security.core.context.SecurityContextHolder.setContext(context);
        org.springframework.security.test.context.TestSecurityContextHolder.setContext(context);
    }

    private AuditService audit() {
        return auditService;
    }

    private long maxSeq() {
        return jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM audit_event").query(Long.class).single();
    }
}

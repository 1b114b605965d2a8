package org.vsconsole.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.context.support.WithMockUser;
import org.vsconsole.ConsoleSpringTest;
import org.vsconsole.audit.Actor;
import org.vsconsole.audit.AuditEntry;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditTarget;
import org.vsconsole.host.TerminalSize;
import org.vsconsole.security.Role;
import org.vsconsole.security.UserAccountService;

/**
 * The service refuses terminals to those who may not have them, whatever page or transport calls
 * it, and audits the refusal; a recording changed after its session breaks chain verification.
 */
@ConsoleSpringTest
class TerminalAccessTest {

    @Autowired
    TerminalService terminals;

    @Autowired
    RecordingArchive archive;

    @Autowired
    AuditService audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UserAccountService accounts;

    @Test
    @WithMockUser(username = "ada-auditor", roles = "AUDITOR")
    void anAuditorGetsNoTerminalAndTheRefusalIsAudited() {
        long before = denied("terminal.open", "ada-auditor");

        assertThat(terminals.mayOpen("web1")).isFalse();
        assertThatThrownBy(() -> terminals.open("web1", new TerminalSize(80, 24)))
                .isInstanceOf(AccessDeniedException.class);

        assertThat(denied("terminal.open", "ada-auditor")).isEqualTo(before + 1);
    }

    @Test
    @WithMockUser(username = "otto-owner", roles = "OWNER")
    void anOwnerGetsNoTerminalInAGuestNotTheirs() {
        long before = denied("terminal.open", "otto-owner");

        assertThat(terminals.mayOpen("someone-elses")).isFalse();
        assertThatThrownBy(() -> terminals.open("someone-elses", new TerminalSize(80, 24)))
                .isInstanceOf(AccessDeniedException.class);

        assertThat(denied("terminal.open", "otto-owner")).isEqualTo(before + 1);
    }

    @Test
    @WithMockUser(username = "otto-owner", roles = "OWNER")
    void aTerminalInAnotherHostsGuestIsRefusedToWhoeverDoesNotOwnItAndAuditedAgainstThatHost() {
        long before = denied("terminal.open", "otto-owner");

        assertThat(terminals.mayOpen("second/web1")).isFalse();
        assertThatThrownBy(() -> terminals.open("second/web1", new TerminalSize(80, 24)))
                .isInstanceOf(AccessDeniedException.class);

        assertThat(denied("terminal.open", "otto-owner")).isEqualTo(before + 1);
        Map<String, Object> row = jdbc.sql("SELECT target_guest, target_detail FROM audit_event WHERE action = 'terminal.open'"
                + " AND actor = 'otto-owner' ORDER BY seq DESC LIMIT 1").query().singleRow();
        assertThat(row.get("target_guest")).as("not a guest of this host").isNull();
        assertThat(row.get("target_detail")).isEqualTo("guest web1 on host second");
        assertThatThrownBy(() -> terminals.open("second/../etc", new TerminalSize(80, 24)))
                .isInstanceOf(org.vsconsole.base.InvalidInputException.class);
        assertThatThrownBy(() -> terminals.open("local/web1", new TerminalSize(80, 24)))
                .isInstanceOf(org.vsconsole.base.InvalidInputException.class);
    }

    @Test
    @WithMockUser(username = "otto-owner", roles = "OWNER")
    void keystrokesToASessionNotOnesOwnAreRefusedAndAudited() {
        long before = denied("terminal.input", "otto-owner");
        String someoneElses = UUID.randomUUID().toString();

        assertThatThrownBy(() -> terminals.input(someoneElses, "rm -rf /\r"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> terminals.attach(someoneElses, null)).isInstanceOf(AccessDeniedException.class);

        assertThat(denied("terminal.input", "otto-owner")).isEqualTo(before + 1);
        assertThat(denied("terminal.attach", "otto-owner")).isGreaterThanOrEqualTo(1);
    }

    @Test
    @WithMockUser(username = "ada-auditor", roles = "AUDITOR")
    void theTerminalPageRefusalIsAudited() {
        long before = denied("terminal.view", "ada-auditor");

        terminals.refuseView("web1");

        assertThat(denied("terminal.view", "ada-auditor")).isEqualTo(before + 1);
    }

    @Test
    @WithMockUser(username = "admin", roles = "ADMIN")
    void aRecordingChangedAfterItsSessionBreaksTheAuditChain() throws Exception {
        String id = UUID.randomUUID().toString();
        Path file = archive.file(id);
        Files.createDirectories(file.getParent());
        byte[] original = "{\"version\": 2, \"width\": 80, \"height\": 24}\n[0.1, \"o\", \"web1\"]\n"
                .getBytes(StandardCharsets.UTF_8);
        Files.write(file, original);
        audit.record(Actor.SYSTEM, new AuditEntry("terminal.close", AuditTarget.guest("web1", 4600),
                Map.of("session", id), Map.of("session", id, "recording", id + ".cast",
                        "sha256", RecordingArchive.sha256(file)),
                org.vsconsole.audit.Outcome.OK, null, 0), id);
        assertThat(audit.verify().ok()).isTrue();
        try {
            Files.writeString(file, "{\"version\": 2, \"width\": 80, \"height\": 24}\n[0.1, \"o\", \"nothing here\"]\n");

            var broken = audit.verify();

            assertThat(broken.ok()).isFalse();
            assertThat(broken.reason()).contains(id + ".cast").contains("no longer matches");
            Files.delete(file);
            assertThat(audit.verify().reason()).contains("removed before its retention ran out");
        } finally {
            Files.write(file, original); // the chain stays whole for the other tests of this context
        }
        assertThat(audit.verify().ok()).isTrue();
    }

    @Test
    void anOwnerMayHaveATerminalInTheirOwnGuestOnlyAndAnAuditorNeverEvenAsOwner() {
        asAdmin(() -> {
            if (accounts.list().stream().noneMatch(u -> u.username().equals("tess-owner"))) {
                accounts.create("tess-owner", "tess-owner-password-1", EnumSet.of(Role.OWNER), Set.of("tess1"));
                accounts.create("aldo-auditor", "aldo-auditor-password-1", EnumSet.of(Role.AUDITOR, Role.OWNER),
                        Set.of("tess1"));
            }
        });

        as("tess-owner", () -> {
            assertThat(terminals.mayOpen("tess1")).isTrue();
            assertThat(terminals.mayOpen("web1")).isFalse();
        }, "ROLE_OWNER");
        as("aldo-auditor", () -> assertThat(terminals.mayOpen("tess1")).isFalse(), "ROLE_AUDITOR", "ROLE_OWNER");
        as("olaf-operator", () -> assertThat(terminals.mayOpen("tess1")).isTrue(), "ROLE_OPERATOR");
    }

    private static void asAdmin(Runnable work) {
        as("admin", work, "ROLE_ADMIN");
    }

    private static void as(String user, Runnable work, String... authorities) {
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken(user, null,
                AuthorityUtils.createAuthorityList(authorities)));
        SecurityContextHolder.setContext(context);
        try {
            work.run();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    private long denied(String action, String actor) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = :a AND actor = :u AND outcome = 'denied'")
                .param("a", action).param("u", actor).query(Long.class).single();
    }
}

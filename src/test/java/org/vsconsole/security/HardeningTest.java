package org.vsconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.vsconsole.ConsoleSpringTest;
import org.vsconsole.base.ConsoleProperties;
import org.vsconsole.base.InvalidInputException;

/**
 * Findings of the attack outside the request handlers: the database was world-readable, a
 * 12-character "Password1234" was accepted, and answers lacked the browser hardening headers.
 */
@ConsoleSpringTest
class HardeningTest {

    @Autowired
    WebApplicationContext context;

    @Autowired
    ConsoleProperties properties;

    @Autowired
    UserAccountService accounts;

    @Test
    void theDatabaseAndTheAnchorAreReadableByTheConsoleAlone() throws Exception {
        Path db = properties.dataDir().resolve("db");
        assertThat(Files.getPosixFilePermissions(db)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (var files = Files.list(db)) {
            List<Path> all = files.toList();
            assertThat(all).isNotEmpty().allSatisfy(f -> assertThat(Files.getPosixFilePermissions(f)).as(f.toString())
                    .isEqualTo(PosixFilePermissions.fromString("rw-------")));
        }
        assertThat(Files.getPosixFilePermissions(properties.dataDir().resolve("audit-anchor")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(properties.dataDir())).as("others may pass to guest trees, not list")
                .isEqualTo(PosixFilePermissions.fromString("rwx--x--x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Password1234", "P@ssw0rd2024!", "qwertyuiop12", "123456789012", "aaaaaaaaaaaa", "abababababab",
            "Administrator1", "passwordpassword", "!!Welcome2026!!", "Letmein-12345"})
    void commonPasswordsAreRefusedWhateverTheirLength(String password) {
        String user = TestAccounts.uniqueName("weak");
        assertThatThrownBy(() -> TestAccounts.as("admin",
                () -> accounts.create(user, password, EnumSet.of(Role.AUDITOR), Set.of()), Role.ADMIN))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("password"));
        assertThat(TestAccounts.as("admin", () -> accounts.list(), Role.ADMIN)).noneMatch(u -> u.username().equals(user));
    }

    @Test
    void thePasswordMustNotBeTheUserName() {
        String user = "weak-" + (System.nanoTime() % 100000) + "-user";
        assertThatThrownBy(() -> TestAccounts.as("admin",
                () -> accounts.create(user, user.toUpperCase(), EnumSet.of(Role.AUDITOR), Set.of()), Role.ADMIN))
                .hasMessageContaining("user name");
        TestAccounts.as("admin", () -> accounts.create(user, "correct-mule-staple-97", EnumSet.of(Role.AUDITOR), Set.of()),
                Role.ADMIN);
    }

    @Test
    void answersCarryTheHardeningHeaders() throws Exception {
        var mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        MockHttpServletResponse api = mvc.perform(get("/api/v1/me").with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD)))
                .andReturn().getResponse();
        // answered by the security chain itself (a login POST without its CSRF token): no servlet needed
        MockHttpServletResponse ui = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/login"))
                .andReturn().getResponse();
        for (MockHttpServletResponse r : List.of(api, ui)) {
            assertThat(r.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.getHeader("X-Frame-Options")).isEqualTo("DENY");
            assertThat(r.getHeader("Referrer-Policy")).isEqualTo("same-origin");
            assertThat(r.getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'")
                    .doesNotContain("*");
        }
        assertThat(api.getHeader("Content-Security-Policy")).startsWith("default-src 'none'");
        assertThat(ui.getHeader("Content-Security-Policy")).startsWith("default-src 'self'");
    }
}

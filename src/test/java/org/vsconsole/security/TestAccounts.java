package org.vsconsole.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/** Test helpers: act as someone, create real users, read audit rows straight from the table. */
public final class TestAccounts {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private TestAccounts() {
    }

    /** A user name valid for the console and unique within this JVM. */
    static String uniqueName(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() % 1000 + "-" + SEQ.incrementAndGet();
    }

    /** Runs {@code work} signed in as {@code username} with {@code roles}, then restores who was signed in. */
    public static <T> T as(String username, Supplier<T> work, Role... roles) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(username, null,
                Arrays.stream(roles).map(r -> new SimpleGrantedAuthority(r.authority())).toList()));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    /**
     * Creates a user through the service as admin, then has the user replace the initial password
     * as the console demands, so the account is ready for real work with {@code password}.
     */
    static void createActive(UserAccountService accounts, String username, String password, Role... roles) {
        String initial = "Initial-" + password;
        as("admin", () -> accounts.create(username, initial, EnumSet.copyOf(List.of(roles)), Set.of()), Role.ADMIN);
        as(username, () -> {
            accounts.changeOwnPassword(initial, password);
            return null;
        }, roles);
    }

    static long auditCount(JdbcClient jdbc, String action, String actor, String outcome, String targetDetail) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM audit_event
                WHERE action = ? AND (? IS NULL OR actor = ?) AND outcome = ? AND (? IS NULL OR target_detail = ?)
                """)
                .params(action, actor, actor, outcome, targetDetail, targetDetail)
                .query(Long.class).single();
    }

    static List<Map<String, Object>> auditRows(JdbcClient jdbc, String action, String targetDetail) {
        return jdbc.sql("SELECT * FROM audit_event WHERE action = ? AND target_detail = ? ORDER BY seq")
                .params(action, targetDetail).query().listOfRows();
    }

    static boolean userExists(JdbcClient jdbc, String username) {
        return jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username = ?").param(username).query(Long.class).single() > 0;
    }
}

package org.vsconsole.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refuses an account for a while after {@value #MAX_FAILURES} failed sign-ins within
 * {@link #WINDOW}. Failures are kept in H2 so a console restart does not reset the count.
 */
@Component
class LoginAttemptGuard {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final JdbcClient jdbc;
    private final Clock clock;

    @Autowired
    LoginAttemptGuard(JdbcClient jdbc) {
        this(jdbc, Clock.systemUTC());
    }

    LoginAttemptGuard(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void recordFailure(String username, String clientAddress) {
        jdbc.sql("INSERT INTO login_failure (username, failed_at, client_addr) VALUES (?, ?, ?)")
                .params(clip(username), OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), clientAddress)
                .update();
    }

    void clear(String username) {
        jdbc.sql("DELETE FROM login_failure WHERE username = ?").param(clip(username)).update();
    }

    /** When the account is refused, the moment it will be accepted again. */
    Optional<Instant> lockedUntil(String username) {
        Instant now = clock.instant();
        List<Instant> recent = jdbc.sql("SELECT failed_at FROM login_failure WHERE username = ? AND failed_at > ?"
                        + " ORDER BY failed_at DESC LIMIT " + MAX_FAILURES)
                .params(clip(username), OffsetDateTime.ofInstant(now.minus(WINDOW), ZoneOffset.UTC))
                .query(OffsetDateTime.class).list().stream().map(OffsetDateTime::toInstant).toList();
        if (recent.size() < MAX_FAILURES) {
            return Optional.empty();
        }
        // The account opens again once the oldest of the last five failures leaves the window.
        return Optional.of(recent.get(MAX_FAILURES - 1).plus(WINDOW));
    }

    private static String clip(String username) {
        return username == null ? "" : username.length() > 64 ? username.substring(0, 64) : username;
    }
}

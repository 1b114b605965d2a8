package org.vsconsole.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.jspecify.annotations.Nullable;

/**
 * Sign-in throttling with growing delays instead of a hard account lock (which let anyone lock
 * out the admin with five wrong passwords). Three keys are throttled, each with some free
 * failures and then a delay that doubles with every further failure up to a cap:
 * <ul>
 * <li>the account from that address (guessing one password),</li>
 * <li>the client address (many names tried from one place),</li>
 * <li>the account from anywhere (a spread-out attack), capped at one minute.</li>
 * </ul>
 * The last two are skipped for an address the account has signed in from before: strangers
 * failing against the admin's name, from elsewhere or from many places, cannot keep the admin out.
 * A refused attempt is not checked (no password hash is computed) and does not extend the delay.
 * The table holds one row per key; rows are dropped after {@link #RETENTION} and the table is
 * capped at {@link #MAX_ROWS}.
 */
@Component
class LoginAttemptGuard {

    /** Free failures and the delay cap of one kind of key. */
    record Rule(String prefix, int freeFailures, Duration cap) {
    }

    static final Rule ADDRESS = new Rule("addr:", 10, Duration.ofMinutes(5));
    static final Rule ACCOUNT_FROM_ADDRESS = new Rule("acct@addr:", 3, Duration.ofMinutes(15));
    static final Rule ACCOUNT = new Rule("acct:", 5, Duration.ofMinutes(1));
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration RETENTION = Duration.ofHours(24);
    static final Duration KNOWN_ADDRESS_RETENTION = Duration.ofDays(90);
    static final int MAX_ROWS = 50_000;

    /** Pruning rides on failures, so a flood prunes as it grows and a quiet console does nothing. */
    static final int PRUNE_EVERY = 500;

    private final JdbcClient jdbc;
    private final Clock clock;
    private int failuresSincePrune;
    private ReadPathWrites readWrites = ReadPathWrites.DIRECT;

    @Autowired(required = false)
    void readPathWrites(ReadPathWrites writes) {
        this.readWrites = writes;
    }

    @Autowired
    LoginAttemptGuard(JdbcClient jdbc) {
        this(jdbc, Clock.systemUTC());
    }

    LoginAttemptGuard(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** How long this attempt must wait, or empty when it may be checked now. */
    Optional<Duration> wait(String username, @Nullable String clientAddress) {
        Instant now = now();
        Instant until = null;
        for (String key : keys(username, clientAddress)) {
            Optional<Instant> notBefore = jdbc.sql("SELECT not_before FROM login_throttle WHERE throttle_key = ?")
                    .param(key).query(OffsetDateTime.class).optional().map(OffsetDateTime::toInstant);
            if (notBefore.isPresent() && notBefore.get().isAfter(now) && (until == null || notBefore.get().isAfter(until))) {
                until = notBefore.get();
            }
        }
        return until == null ? Optional.empty() : Optional.of(Duration.between(now, until));
    }

    /** Counts a failure; not while the console is read-only (a failed sign-in then still answers 401). */
    void recordFailure(String username, @Nullable String clientAddress) {
        readWrites.run("a failed sign-in's throttle counters", () -> countFailure(username, clientAddress));
    }

    private synchronized void countFailure(String username, @Nullable String clientAddress) {
        if (++failuresSincePrune >= PRUNE_EVERY) {
            failuresSincePrune = 0;
            prune();
        }
        Instant now = now();
        for (String key : keys(username, clientAddress)) {
            Rule rule = ruleOf(key);
            int failures = jdbc.sql("SELECT failures FROM login_throttle WHERE throttle_key = ? AND last_failure > ?")
                    .params(key, time(now.minus(RETENTION))).query(Integer.class).optional().orElse(0) + 1;
            jdbc.sql("MERGE INTO login_throttle (throttle_key, failures, last_failure, not_before) KEY (throttle_key)"
                    + " VALUES (?, ?, ?, ?)")
                    .params(key, failures, time(now), time(now.plus(delay(rule, failures))))
                    .update();
        }
    }

    /** A correct password: that account's own counters start over and the address becomes known. */
    void recordSuccess(String username, @Nullable String clientAddress) {
        readWrites.run("a sign-in's throttle reset", () -> resetAfterSuccess(username, clientAddress));
    }

    private void resetAfterSuccess(String username, @Nullable String clientAddress) {
        String name = clip(username, 64);
        String addr = clientAddress == null ? "unknown" : clip(clientAddress, 64);
        String own = ACCOUNT_FROM_ADDRESS.prefix() + name + "@" + addr;
        String anywhere = ACCOUNT.prefix() + name;
        // Every Basic API call ends here: look before deleting, so a call writes nothing when all is well.
        if (jdbc.sql("SELECT COUNT(*) FROM login_throttle WHERE throttle_key IN (?, ?)").params(own, anywhere)
                .query(Long.class).single() > 0) {
            jdbc.sql("DELETE FROM login_throttle WHERE throttle_key IN (?, ?)").params(own, anywhere).update();
        }
        // Every API call with a password succeeds here: refresh the known address once a day, not each time.
        boolean fresh = jdbc.sql("SELECT COUNT(*) FROM login_known_address WHERE username = ? AND client_addr = ?"
                + " AND last_success > ?").params(name, addr, time(now().minus(Duration.ofDays(1))))
                .query(Long.class).single() > 0;
        if (!fresh) {
            jdbc.sql("MERGE INTO login_known_address (username, client_addr, last_success) KEY (username, client_addr)"
                    + " VALUES (?, ?, ?)").params(name, addr, time(now())).update();
        }
    }

    /** Drops what is past retention and, beyond the cap, the oldest rows; returns the rows removed. */
    synchronized int prune() {
        Instant now = now();
        int removed = jdbc.sql("DELETE FROM login_throttle WHERE last_failure < ?").param(time(now.minus(RETENTION))).update();
        removed += jdbc.sql("DELETE FROM login_known_address WHERE last_success < ?")
                .param(time(now.minus(KNOWN_ADDRESS_RETENTION))).update();
        long rows = jdbc.sql("SELECT COUNT(*) FROM login_throttle").query(Long.class).single();
        if (rows > MAX_ROWS) {
            removed += jdbc.sql("DELETE FROM login_throttle WHERE throttle_key IN (SELECT throttle_key FROM login_throttle"
                    + " ORDER BY last_failure LIMIT ?)").param(rows - MAX_ROWS).update();
        }
        return removed;
    }

    /** Whole milliseconds: what the database keeps exactly, so "not before now" compares right. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    static Duration delay(Rule rule, int failures) {
        int over = failures - rule.freeFailures();
        if (over <= 0) {
            return Duration.ZERO;
        }
        Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(over - 1, 30));
        return delay.compareTo(rule.cap()) > 0 ? rule.cap() : delay;
    }

    private List<String> keys(String username, @Nullable String clientAddress) {
        String name = clip(username, 64);
        String addr = clientAddress == null ? "unknown" : clip(clientAddress, 64);
        List<String> keys = new ArrayList<>(3);
        keys.add(ACCOUNT_FROM_ADDRESS.prefix() + name + "@" + addr);
        if (!known(name, addr)) {
            keys.add(ADDRESS.prefix() + addr);
            keys.add(ACCOUNT.prefix() + name);
        }
        return keys;
    }

    private boolean known(String name, String addr) {
        return jdbc.sql("SELECT COUNT(*) FROM login_known_address WHERE username = ? AND client_addr = ?")
                .params(name, addr).query(Long.class).single() > 0;
    }

    private static Rule ruleOf(String key) {
        return key.startsWith(ADDRESS.prefix())
                ? ADDRESS
                : key.startsWith(ACCOUNT_FROM_ADDRESS.prefix()) ? ACCOUNT_FROM_ADDRESS : ACCOUNT;
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String clip(String text, int max) {
        return text == null ? "" : text.length() > max ? text.substring(0, max) : text;
    }
}

package org.vsconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.vsconsole.ConsoleSpringTest;

/**
 * Many concurrent callers reading accounts (every API call does) never wait for a database
 * connection: the account lookup read roles and guests inside its row mapper, so each caller held
 * two pooled connections, and ten at once exhausted the pool for 30 s (the bench's 30 s p99).
 */
@ConsoleSpringTest
class ConcurrentAccountLookupTest {

    @Autowired
    UserAccountService accounts;

    @Autowired
    javax.sql.DataSource dataSource;

    /** Deterministic form of the finding: with a pool of one connection, a lookup must still succeed. */
    @Test
    void aLookupNeedsOneConnectionAtATime() {
        var spring = (com.zaxxer.hikari.HikariDataSource) dataSource;
        var config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl(spring.getJdbcUrl());
        config.setUsername(spring.getUsername());
        config.setPassword(spring.getPassword());
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(1000);
        try (var one = new com.zaxxer.hikari.HikariDataSource(config)) {
            UserRepository users = new UserRepository(org.springframework.jdbc.core.simple.JdbcClient.create(one));
            assertThat(users.find("admin")).get().satisfies(u -> assertThat(u.roles()).contains(Role.ADMIN));
        }
    }

    @Test
    void fortyConcurrentLookupsFinishPromptly() throws Exception {
        int callers = 40;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        long began = System.nanoTime();
        try {
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    String name = null;
                    for (int k = 0; k < 20; k++) {
                        name = TestAccounts.as("admin", () -> accounts.me().username(), Role.ADMIN);
                    }
                    return name;
                }));
            }
            start.countDown();
            for (Future<String> r : results) {
                assertThat(r.get(20, TimeUnit.SECONDS)).isEqualTo("admin");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(15));
    }
}

package org.vsconsole.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;
import org.vsconsole.security.Role;
import org.vsconsole.security.UserAccountService;

/**
 * The number beside "Guests" is the guests needing a decision: it rises when a file is edited by
 * hand, tells its followers, and falls when the change is accepted; a guest owner counts only
 * their own guests.
 */
class OutsideChangesCountTest extends SyncSpringTestBase {

    @Autowired
    OutsideChangesCount count;

    @Autowired
    DriftDecisions decisions;

    @Autowired
    UserAccountService accounts;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aHandEditRaisesTheCountAndAcceptingItLowersIt() throws Exception {
        managedGuest("count1", 2321);
        signIn("alice", "ADMIN");
        // The count of every guest is the whole shared tree's; its owner's count is this guest's alone.
        accounts.create("count1-owner", "Count1-Owner-Passw0rd", EnumSet.of(Role.OWNER), Set.of("count1"));
        signIn("count1-owner", "OWNER");
        assertThat(count.count()).isZero();
        AtomicInteger told = new AtomicInteger();
        var following = count.subscribe(told::incrementAndGet);
        try {
            write(root().resolve("count1/rlimits/nproc"), "250\n");
            await().atMost(Duration.ofSeconds(5)).until(() -> sync.status("count1").orElseThrow().drift());
            await().atMost(Duration.ofSeconds(5)).until(() -> told.get() > 0);
            assertThat(count.count()).isEqualTo(1);
            assertThat(count.describe(1)).isEqualTo("1 guest needs a decision: changed outside the console or not adopted");

            signIn("olga", "OWNER");
            assertThat(count.count()).as("an owner of no guest counts none").isZero();

            signIn("alice", "ADMIN");
            assertThat(count.count()).as("an admin counts every guest's").isPositive();
            decisions.accept("count1", sync.status("count1").orElseThrow().currentDigest());
            signIn("count1-owner", "OWNER");
            assertThat(count.count()).isZero();
        } finally {
            following.remove();
        }
    }
}

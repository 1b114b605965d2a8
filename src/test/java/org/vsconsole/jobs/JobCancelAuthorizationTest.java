package org.vsconsole.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.vsconsole.ConsoleSpringTest;

/**
 * Cancelling a job undoes someone's work (a cancelled creation is rolled back): an AUDITOR may
 * never cancel, an OWNER only a job of their own, ADMIN and OPERATOR any. Refusals are audited. A
 * job past its point of no return (a move whose guest is stopped) refuses a cancel and says why.
 */
@ConsoleSpringTest
class JobCancelAuthorizationTest {

    @Autowired
    JobService jobs;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAuditorCannotCancelAnAdminsJob() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Job job = as("admin", () -> jobs.submit("test", "held job", "held1", ctx -> waitForCancelOr(ctx, release)),
                "ROLE_ADMIN");
        try {
            assertThatThrownBy(() -> as("ada-auditor", () -> {
                jobs.cancel(job.id());
                return null;
            }, "ROLE_AUDITOR")).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> as("olga-owner", () -> {
                jobs.cancel(job.id());
                return null;
            }, "ROLE_OWNER")).isInstanceOf(AccessDeniedException.class);

            release.countDown();
            JobState end = awaitEnd(job.id());
            assertThat(end).as("nobody without the right stopped it").isEqualTo(JobState.SUCCEEDED);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'job.cancel' AND actor = 'ada-auditor'"
                    + " AND outcome = 'denied' AND target_detail = ?").param("job " + job.id()).query(Long.class).single())
                    .isEqualTo(1);
        } finally {
            release.countDown();
        }
    }

    @Test
    void anOwnerCancelsTheirOwnJobAndAnOperatorAnyone() throws Exception {
        Job own = as("olga-owner", () -> jobs.submit("test", "own job", "own1", ctx -> waitForCancelOr(ctx, new CountDownLatch(1))),
                "ROLE_OWNER");
        as("olga-owner", () -> {
            jobs.cancel(own.id());
            return null;
        }, "ROLE_OWNER");
        assertThat(awaitEnd(own.id())).isEqualTo(JobState.CANCELLED);

        Job admins = as("admin", () -> jobs.submit("test", "admin job", "adm1", ctx -> waitForCancelOr(ctx, new CountDownLatch(1))),
                "ROLE_ADMIN");
        as("oscar-operator", () -> {
            jobs.cancel(admins.id());
            return null;
        }, "ROLE_OPERATOR");
        assertThat(awaitEnd(admins.id())).isEqualTo(JobState.CANCELLED);
    }

    @Test
    void aJobPastItsPointOfNoReturnRefusesACancelAndEndsOnItsOwnOutcome() throws Exception {
        CountDownLatch committed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Job job = as("admin", () -> jobs.submit("test", "committing job", "commit1", ctx -> {
            assertThat(ctx.commit("the guest is stopped")).isTrue();
            committed.countDown();
            release.await(20, TimeUnit.SECONDS);
        }), "ROLE_ADMIN");
        try {
            assertThat(committed.await(20, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> as("oscar-operator", () -> {
                jobs.cancel(job.id());
                return null;
            }, "ROLE_OPERATOR")).isInstanceOf(org.vsconsole.base.StateConflictException.class)
                    .hasMessageContaining("can no longer be cancelled: the guest is stopped");
            release.countDown();
            assertThat(awaitEnd(job.id())).as("it completed, and says so").isEqualTo(JobState.SUCCEEDED);
        } finally {
            release.countDown();
        }

        // a cancel that came first wins: the job is told so and ends as cancelled
        CountDownLatch asked = new CountDownLatch(1);
        boolean[] committedAfterCancel = {true};
        Job cancelled = as("admin", () -> jobs.submit("test", "cancelled job", "commit2", ctx -> {
            asked.await(20, TimeUnit.SECONDS);
            committedAfterCancel[0] = ctx.commit("too late");
        }), "ROLE_ADMIN");
        as("admin", () -> {
            jobs.cancel(cancelled.id());
            return null;
        }, "ROLE_ADMIN");
        asked.countDown();
        assertThat(awaitEnd(cancelled.id())).isEqualTo(JobState.CANCELLED);
        assertThat(committedAfterCancel[0]).isFalse();
    }

    private static void waitForCancelOr(JobContext ctx, CountDownLatch release) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!ctx.cancelled() && !release.await(20, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
            // held until released or cancelled
        }
    }

    private JobState awaitEnd(long id) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            JobState state = as("admin", () -> jobs.get(id).state(), "ROLE_ADMIN");
            if (state.finished()) {
                return state;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("job " + id + " did not end");
    }

    private static <T> T as(String user, Supplier<T> work, String role) {
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken(user, null, AuthorityUtils.createAuthorityList(role)));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}

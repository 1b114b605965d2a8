package org.vsconsole.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GuestLocksTest {

    private final GuestLocks locks = new GuestLocks();

    @Test
    void aSecondActionOnTheSameGuestIsRefusedNamingTheFirstWhileOtherGuestsGoOn() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> locks.withLock("web1", "guest.stop", () -> {
            inside.countDown();
            await(release);
            return "stopped";
        }));
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> locks.withLock("web1", "limits.set", () -> "set"))
                .isInstanceOf(StateConflictException.class)
                .hasMessage("guest: another operation on 'web1' is in progress (guest.stop); try again when it ends");
        assertThat(locks.withLock("web2", "limits.set", () -> "other guest")).isEqualTo("other guest");

        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("stopped");
        assertThat(locks.withLock("web1", "limits.set", () -> "after")).isEqualTo("after");
    }

    @Test
    void theSameThreadMayNestActionsAndAFailureReleasesTheLock() throws Exception {
        assertThat(locks.withLock("web1", "guest.delete", () -> locks.withLock("web1", "guest.stop", () -> "nested")))
                .isEqualTo("nested");
        assertThatThrownBy(() -> locks.withLock("web1", "guest.start", () -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(CompletableFuture.supplyAsync(() -> locks.withLock("web1", "guest.start", () -> "free"))
                .get(5, TimeUnit.SECONDS)).isEqualTo("free");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

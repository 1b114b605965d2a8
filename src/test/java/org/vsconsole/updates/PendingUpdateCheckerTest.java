package org.vsconsole.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PendingUpdateCheckerTest {

    @Test
    void offByDefaultItNeverChecks() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        PendingUpdateChecker checker = new PendingUpdateChecker(checks::incrementAndGet, Duration.ZERO);

        checker.start();
        Thread.sleep(300);

        assertThat(checker.isRunning()).isFalse();
        assertThat(checks).hasValue(0);
    }

    @Test
    void withAnIntervalItChecksRepeatedlyAndAFailedCheckDoesNotStopTheNext() {
        AtomicInteger checks = new AtomicInteger();
        PendingUpdateChecker checker = new PendingUpdateChecker(() -> {
            if (checks.incrementAndGet() == 1) {
                throw new IllegalStateException("the first check could not start");
            }
        }, Duration.ofMillis(50));

        checker.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> checks.get() >= 3);
        } finally {
            checker.stop();
        }
        assertThat(checker.isRunning()).isFalse();
    }
}

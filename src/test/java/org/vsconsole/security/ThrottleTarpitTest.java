package org.vsconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ThrottleTarpitTest {

    @Test
    void aRefusalIsHeldForItsWaitButNeverLongerThanASecond() {
        ThrottleTarpit tarpit = new ThrottleTarpit(2, Duration.ofSeconds(1));

        assertThat(tarpit.hold(Duration.ofMillis(20))).isEqualTo(Duration.ofMillis(20));
        assertThat(tarpit.hold(Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(1));
        assertThat(tarpit.freeSlots()).as("every slot is given back").isEqualTo(2);
    }

    @Test
    void aZeroHoldAnswersAtOnce() {
        assertThat(new ThrottleTarpit(2, Duration.ZERO).hold(Duration.ofMinutes(5))).isZero();
    }

    @Test
    void whenEverySlotIsHeldTheNextRefusalIsAnsweredAtOnce() {
        ThrottleTarpit tarpit = new ThrottleTarpit(1, Duration.ofSeconds(1));
        CompletableFuture<Duration> first = CompletableFuture.supplyAsync(() -> tarpit.hold(Duration.ofMillis(800)));
        await().atMost(Duration.ofSeconds(5)).until(() -> tarpit.freeSlots() == 0);

        assertThat(tarpit.hold(Duration.ofMillis(800))).as("a flood wider than the slots is not held").isZero();

        assertThat(first.join()).isEqualTo(Duration.ofMillis(800));
        assertThat(tarpit.freeSlots()).isEqualTo(1);
    }
}

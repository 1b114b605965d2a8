package org.vsconsole.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TerminalPropertiesTest {

    private final TerminalProperties limits = new TerminalProperties(Duration.ofMinutes(30), Duration.ofHours(8),
            Duration.ofMinutes(2), false, Duration.ofDays(90));

    @Test
    void aSessionWithinEveryLimitStaysOpen() {
        assertThat(limits.reasonToClose(Duration.ofHours(7), Duration.ofMinutes(29), Duration.ofMinutes(1))).isEmpty();
        assertThat(limits.reasonToClose(Duration.ofHours(8), Duration.ofMinutes(30), Duration.ofMinutes(2))).isEmpty();
    }

    @Test
    void eachLimitClosesWithItsOwnReasonAndTheMaximumTimeWins() {
        assertThat(limits.reasonToClose(Duration.ofHours(9), Duration.ofHours(1), Duration.ofHours(1)))
                .hasValue("reached the maximum session time of PT8H");
        assertThat(limits.reasonToClose(Duration.ofHours(1), Duration.ofMinutes(31), Duration.ofHours(1)))
                .hasValue("idle for PT30M");
        assertThat(limits.reasonToClose(Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofMinutes(3)))
                .hasValue("no page came back within PT2M");
    }
}

package org.vsconsole.host.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.vsconsole.host.HostOperationException;

class ReconnectBackoffTest {

    private final AtomicLong now = new AtomicLong();

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void anUnreachableAgentIsTriedAgainAfterAWaitThatDoublesUpToAMinute() {
        ReconnectBackoff backoff = new ReconnectBackoff(now::get);
        assertThat(backoff.refusal()).isNull();

        backoff.failed("connection refused");
        assertThat(backoff.refusal()).isEqualTo("unreachable: connection refused (tried again in 1 s)");
        advance(Duration.ofSeconds(1));
        assertThat(backoff.refusal()).as("a try is due").isNull();

        backoff.failed("connection refused");
        advance(Duration.ofMillis(1500));
        assertThat(backoff.refusal()).contains("tried again in");
        advance(Duration.ofMillis(500));
        assertThat(backoff.refusal()).isNull();

        for (int i = 0; i < 10; i++) {
            backoff.failed("down");
        }
        advance(Duration.ofSeconds(59));
        assertThat(backoff.refusal()).isEqualTo("unreachable: down (tried again in 1 s)");
        advance(Duration.ofSeconds(1));
        assertThat(backoff.refusal()).isNull();

        backoff.succeeded();
        backoff.failed("down again");
        advance(Duration.ofSeconds(1));
        assertThat(backoff.refusal()).as("one success starts the waits from 1 s again").isNull();
    }

    @Test
    void callsWhileTheAgentIsUnreachableAreAnsweredAtOnceWithoutAnotherAttempt() {
        AtomicInteger attempts = new AtomicInteger();
        AgentHostDriver.Connector down = () -> {
            attempts.incrementAndGet();
            throw new IOException("cannot reach the host agent at /run/x.sock: connection refused");
        };

        assertThatThrownBy(() -> new AgentHostDriver(down, now::get)).isInstanceOf(HostOperationException.class)
                .hasMessage("cannot reach the host agent at /run/x.sock: connection refused");
        assertThat(attempts).hasValue(1);
    }
}

package org.vsconsole.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.vsconsole.ConsoleSpringTest;
import org.vsconsole.audit.StorageFloor;
import org.vsconsole.audit.StorageGuard;

/**
 * While the console is read-only for a full disk, monitoring minutes are not written (a gap in
 * the history rather than H2 meeting the full disk); once there is room they are written again.
 */
@ConsoleSpringTest
class HistoryWhileReadOnlyTest {

    @Autowired
    MetricsHistory history;

    @Autowired
    MetricsStore store;

    @Autowired
    StorageGuard storage;

    @AfterEach
    void roomAgain() {
        StorageFloor.roomAgain(storage);
    }

    @Test
    void noMinuteIsWrittenWhileReadOnlyAndTheNextOneIsAfter() {
        Instant minute = Instant.parse("2026-01-05T10:15:00Z");
        StorageFloor.full(storage);
        assertThat(storage.problem()).isPresent();
        history.persist(List.of(new MetricPoint("ro-hist", minute, 60, 1.0, 2.0, 100, 200, 3)));
        assertThat(store.find("ro-hist", false, minute.minus(1, ChronoUnit.HOURS), minute.plus(1, ChronoUnit.HOURS))).isEmpty();

        StorageFloor.roomAgain(storage);
        Instant next = minute.plus(1, ChronoUnit.MINUTES);
        history.persist(List.of(new MetricPoint("ro-hist", next, 60, 1.0, 2.0, 100, 200, 3)));
        assertThat(store.find("ro-hist", false, minute.minus(1, ChronoUnit.HOURS), minute.plus(1, ChronoUnit.HOURS)))
                .extracting(MetricPoint::start).containsExactly(next);
    }
}

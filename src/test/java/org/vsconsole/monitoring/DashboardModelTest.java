package org.vsconsole.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vsconsole.monitoring.MonitoringFixtures.figures;
import static org.vsconsole.monitoring.MonitoringFixtures.host;
import static org.vsconsole.monitoring.MonitoringFixtures.running;
import static org.vsconsole.monitoring.MonitoringFixtures.stopped;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** A dashboard that applies only the shared diff shows exactly what one comparing every guest shows. */
class DashboardModelTest {

    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
    private static final Predicate<String> ALL = n -> true;

    @Test
    void sharedDiffGivesTheSameRowsAsComparingEveryGuest() {
        DeltaTracker tracker = new DeltaTracker(2_000, 5);
        DashboardModel incremental = new DashboardModel();
        DashboardModel full = new DashboardModel();
        Random random = new Random(7);
        long[] user = new long[20];
        for (int tick = 1; tick <= 60; tick++) {
            Map<String, GuestLive> guests = new HashMap<>();
            int count = tick % 17 == 0 ? 19 : 20; // now and then a guest goes and comes back
            for (int i = 0; i < count; i++) {
                user[i] += random.nextInt(4) == 0 ? random.nextInt(900) : 0;
                String name = "g" + i;
                guests.put(name, i % 5 == 0 && tick % 9 < 3
                        ? stopped(name, 40000 + i)
                        : running(name, 40000 + i, figures(40000 + i, 1 + random.nextInt(2), 1L << 20, user[i], 0, tick / 10)));
            }
            HostSnapshot snapshot = tracker.next(T0.plusSeconds(tick), guests, host(2));
            full.applyAll(snapshot, ALL);
            if (tick % 13 == 0) {
                continue; // a missed push: the next one must not be applied as a diff
            }
            DashboardModel.Change change = incremental.apply(snapshot, ALL);
            if (tick > 1 && tick % 17 != 0 && tick % 17 != 1 && tick % 13 != 1) {
                assertThat(change.structural()).isFalse();
                assertThat(change.changed()).hasSizeLessThanOrEqualTo(snapshot.diff().changed().size());
            }
            assertThat(shown(incremental)).isEqualTo(shown(full));
        }
    }

    @Test
    void aNewVisibilityAppliesEveryRow() {
        DeltaTracker tracker = new DeltaTracker();
        DashboardModel model = new DashboardModel();
        Map<String, GuestLive> guests = Map.of("a", running("a", 40001, figures(40001, 1, 1, 0, 0, 0)),
                "b", running("b", 40002, figures(40002, 1, 1, 0, 0, 0)));
        model.apply(tracker.next(T0, guests, host(1)), "a"::equals);
        assertThat(model.rows()).extracting(DashboardRow::name).containsExactly("a");
        DashboardModel.Change change = model.apply(tracker.next(T0.plusSeconds(1), guests, host(1)), ALL);
        assertThat(change.structural()).isTrue();
        assertThat(model.rows()).extracting(DashboardRow::name).containsExactlyInAnyOrder("a", "b");
    }

    private static List<String> shown(DashboardModel model) {
        return model.rows().stream().sorted(java.util.Comparator.comparing(DashboardRow::name))
                .map(r -> String.join("|", r.name(), Integer.toString(r.xid()), r.processesText(), r.rssText(), r.userText(),
                        r.uptimeText(), r.cpuText(), Long.toString(r.totalHits()), r.limitHitText(), r.cpuSvg()))
                .toList();
    }
}

package org.vsconsole.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vsconsole.monitoring.MonitoringFixtures.figures;
import static org.vsconsole.monitoring.MonitoringFixtures.guests;
import static org.vsconsole.monitoring.MonitoringFixtures.host;
import static org.vsconsole.monitoring.MonitoringFixtures.running;
import static org.vsconsole.monitoring.MonitoringFixtures.stopped;

import java.time.Instant;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class DeltaTrackerTest {

    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    @Test
    void cpuPercentIsUserPlusSysDeltaOverWallTimeAndCores() {
        DeltaTracker tracker = new DeltaTracker();
        tracker.next(T0, guests(running("web1", 40001, figures(40001, 5, 1 << 20, 1_000, 500, 0))), host(4));
        // 2 s wall on 4 cores = 8000 ms of CPU available; used 1200 + 400 = 1600 ms -> 20 %
        HostSnapshot s = tracker.next(T0.plusSeconds(2),
                guests(running("web1", 40001, figures(40001, 5, 1 << 20, 2_200, 900, 0))), host(4));
        assertThat(s.delta("web1").cpuPercent()).isCloseTo(20.0, Offset.offset(1e-9));
        assertThat(s.tick()).isEqualTo(2);
    }

    @Test
    void firstTickAndCounterResetGiveUnknownCpu() {
        DeltaTracker tracker = new DeltaTracker();
        HostSnapshot first = tracker.next(T0, guests(running("web1", 40001, figures(40001, 5, 1, 5_000, 0, 0))), host(1));
        assertThat(first.delta("web1").cpuPercent()).isNaN();
        HostSnapshot reset = tracker.next(T0.plusSeconds(1), guests(running("web1", 40001, figures(40001, 5, 1, 10, 0, 0))), host(1));
        assertThat(reset.delta("web1").cpuPercent()).isNaN();
    }

    @Test
    void limitHitsRisingAreNamedOnlyOnTheTickTheyRise() {
        DeltaTracker tracker = new DeltaTracker();
        tracker.next(T0, guests(running("web1", 40001, figures(40001, 5, 1, 0, 0, 3))), host(1));
        HostSnapshot rose = tracker.next(T0.plusSeconds(1), guests(running("web1", 40001, figures(40001, 5, 1, 0, 0, 7))), host(1));
        assertThat(rose.delta("web1").risingLimits()).containsExactly("nproc");
        assertThat(rose.delta("web1").totalHits()).isEqualTo(7);
        HostSnapshot flat = tracker.next(T0.plusSeconds(2), guests(running("web1", 40001, figures(40001, 5, 1, 0, 0, 7))), host(1));
        assertThat(flat.delta("web1").hitsRising()).isFalse();
    }

    @Test
    void guestsAppearingAndDisappearingBetweenTicks() {
        DeltaTracker tracker = new DeltaTracker();
        tracker.next(T0, guests(running("web1", 40001, figures(40001, 5, 1, 0, 0, 0)), stopped("mail", 40002)), host(1));
        // mail starts, a new guest "db" appears running, web1 disappears from the host entirely
        HostSnapshot s = tracker.next(T0.plusSeconds(1), guests(
                running("mail", 40002, figures(40002, 2, 1, 100, 0, 9)),
                running("db", 40003, figures(40003, 1, 1, 50, 0, 0))), host(1));
        assertThat(s.started()).containsExactlyInAnyOrder("mail", "db");
        assertThat(s.stopped()).containsExactly("web1");
        assertThat(s.delta("mail").cpuPercent()).isNaN();
        assertThat(s.delta("mail").risingLimits()).as("no previous figures, so nothing rose").isEmpty();
        assertThat(s.guest("web1")).isNull();
        assertThat(s.delta("web1").cpuPercent()).isNaN();

        HostSnapshot t = tracker.next(T0.plusSeconds(2), guests(
                stopped("mail", 40002), running("db", 40003, figures(40003, 1, 1, 550, 0, 0))), host(1));
        assertThat(t.stopped()).containsExactly("mail");
        assertThat(t.started()).isEmpty();
        assertThat(t.delta("db").cpuPercent()).isCloseTo(50.0, Offset.offset(1e-9));
        assertThat(t.runningCount()).isEqualTo(1);
    }

    @Test
    void trendClosesOneBucketAtATimeAndKeepsIdentityBetween() {
        DeltaTracker tracker = new DeltaTracker(1_000, 5);
        Trend first = null;
        for (int i = 0; i < 3; i++) {
            HostSnapshot s = tracker.next(T0.plusMillis(i * 300L),
                    guests(running("web1", 1, figures(1, 1, 4096L * (i + 1), i * 100L, 0, 0))), host(1));
            if (first == null) {
                first = s.delta("web1").trend();
            }
            assertThat(s.delta("web1").trend()).isSameAs(first);
        }
        HostSnapshot closed = tracker.next(T0.plusMillis(1_000),
                guests(running("web1", 1, figures(1, 1, 4096, 400, 0, 0))), host(1));
        Trend t = closed.delta("web1").trend();
        assertThat(t).isNotSameAs(first);
        assertThat(t.size()).isEqualTo(5);
        assertThat(t.rss(4)).isEqualTo(3 * 4096L);
        // ticks at 300 and 600 ms used 100 ms of 300 ms each -> 33.3 %
        assertThat(t.cpu(4)).isCloseTo(33.33f, Offset.offset(0.01f));
        assertThat(t.cpu(3)).isNaN();
    }

}

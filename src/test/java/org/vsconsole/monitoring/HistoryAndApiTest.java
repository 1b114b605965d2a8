package org.vsconsole.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.vsconsole.monitoring.MonitoringFixtures.figures;
import static org.vsconsole.monitoring.MonitoringFixtures.guests;
import static org.vsconsole.monitoring.MonitoringFixtures.host;
import static org.vsconsole.monitoring.MonitoringFixtures.running;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.vsconsole.ConsoleSpringTest;
import org.vsconsole.base.InvalidInputException;

/** Roll-up math, pruning and the REST API's range validation and scoping. */
@ConsoleSpringTest
class HistoryAndApiTest {

    @Autowired
    MetricsStore store;

    @Autowired
    MetricsHistory history;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WebApplicationContext context;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    @Test
    void minuteAccumulatorAveragesTicksAndHandsOverOneBatchPerMinute() {
        DeltaTracker tracker = new DeltaTracker();
        MinuteAccumulator acc = new MinuteAccumulator();
        Instant m0 = Instant.parse("2025-03-01T10:00:00Z");
        // cpu: tick 2 = 10 %, tick 3 = 30 % (1 core, 1 s ticks); rss 1, 2, 3 MiB; processes 4, 7, 5
        long[] cpuMs = {0, 100, 400};
        long[] rss = {1 << 20, 2 << 20, 3 << 20};
        int[] proc = {4, 7, 5};
        for (int i = 0; i < 3; i++) {
            HostSnapshot s = tracker.next(m0.plusSeconds(i + 1),
                    guests(running("web1", 1, figures(1, proc[i], rss[i], cpuMs[i], 0, 0))), host(1));
            assertThat(acc.add(s)).isEmpty();
        }
        List<MetricPoint> done = acc.add(tracker.next(m0.plusSeconds(61),
                guests(running("web1", 1, figures(1, 1, 1, 500, 0, 0))), host(1)));
        assertThat(done).singleElement().satisfies(p -> {
            assertThat(p.start()).isEqualTo(m0);
            assertThat(p.samples()).isEqualTo(3);
            assertThat(p.cpuAvg()).isCloseTo(20.0, Offset.offset(1e-9));
            assertThat(p.cpuMax()).isCloseTo(30.0, Offset.offset(1e-9));
            assertThat(p.rssAvg()).isEqualTo(2L << 20);
            assertThat(p.rssMax()).isEqualTo(3L << 20);
            assertThat(p.procMax()).isEqualTo(7);
        });
    }

    @Test
    void hourRollUpWeighsMinutesBySamplesAndPruningKeepsRetention() {
        String g = "hist-" + System.nanoTime();
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);
        store.insertMinutes(List.of(
                new MetricPoint(g, hour, 60, 10.0, 50.0, 100, 200, 3),
                new MetricPoint(g, hour.plusSeconds(60), 20, 50.0, 90.0, 300, 400, 9)));
        store.rollUpHour(hour);
        List<MetricPoint> hours = store.find(g, true, hour, hour.plusSeconds(3600));
        assertThat(hours).singleElement().satisfies(p -> {
            assertThat(p.samples()).isEqualTo(80);
            assertThat(p.cpuAvg()).isCloseTo((10.0 * 60 + 50.0 * 20) / 80, Offset.offset(1e-9));
            assertThat(p.cpuMax()).isEqualTo(90.0);
            assertThat(p.rssAvg()).isEqualTo((100L * 60 + 300L * 20) / 80);
            assertThat(p.rssMax()).isEqualTo(400);
            assertThat(p.procMax()).isEqualTo(9);
        });

        Instant old = Instant.now().minus(8, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        Instant ancient = Instant.now().minus(400, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        store.insertMinutes(List.of(new MetricPoint(g, old, 1, 1, 1, 1, 1, 1)));
        store.rollUpHour(ancient.minusSeconds(0));
        jdbc.sql("INSERT INTO metric_hour VALUES (:g, :t, 1, 1, 1, 1, 1, 1)").param("g", g).param("t", ancient.toEpochMilli()).update();
        history.prune(Instant.now());
        assertThat(store.find(g, false, old.minusSeconds(1), Instant.now())).extracting(MetricPoint::start)
                .containsExactly(hour, hour.plusSeconds(60));
        assertThat(store.find(g, true, ancient.minusSeconds(1), Instant.now())).extracting(MetricPoint::start)
                .containsExactly(hour);
    }

    @Test
    void rangeParsingNamesTheField() {
        assertThat(HistoryRange.parse("7d").hourly()).isTrue();
        assertThatThrownBy(() -> HistoryRange.parse("2w")).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.field()).isEqualTo("range"));
    }

    @Test
    void restHistoryValidatesRangeAndHidesOtherGuestsFromOwners() throws Exception {
        mvc.perform(get("/api/v1/guests/web1/history").param("range", "2w").with(user("ops").roles("OPERATOR")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("range"));
        mvc.perform(get("/api/v1/guests/web1/history").param("range", "24h").with(user("ops").roles("OPERATOR")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.range").value("24h"))
                .andExpect(jsonPath("$.resolution").value("minute"));
        mvc.perform(get("/api/v1/guests/web1/history").param("range", "1h").with(user("someone-else").roles("OWNER")))
                .andExpect(status().isNotFound());
    }

    @Test
    void restStatListsRunningGuestsWithCpuAndHitsButNotToStrangers() throws Exception {
        mvc.perform(get("/api/v1/stat").with(user("ops").roles("OPERATOR")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rows").isArray());
        mvc.perform(get("/api/v1/stat").with(user("someone-else").roles("OWNER")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rows").isEmpty());
    }
}

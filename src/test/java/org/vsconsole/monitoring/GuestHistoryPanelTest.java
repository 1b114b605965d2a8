package org.vsconsole.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Svg;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The history charts say what the data says: the caption's "highest" is the data's maximum, not
 * the chart's top, and each chart has a value axis and a time axis; the table holds every point.
 */
class GuestHistoryPanelTest {

    @Test
    void captionNamesTheDataMaximumAndChartsHaveValueAndTimeAxes() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        List<MetricPoint> points = new ArrayList<>();
        for (int minute = 30; minute >= 1; minute--) {
            double peak = minute == 10 ? 2.0 : 0.5;
            points.add(new MetricPoint("hist1", now.minus(minute, ChronoUnit.MINUTES), 60, 0.3, peak, 3L << 20, 4L << 20, 7));
        }
        MetricsHistory history = mock(MetricsHistory.class);
        when(history.history(eq("hist1"), any())).thenReturn(points);

        GuestHistoryPanel panel = new GuestHistoryPanel(history, "hist1");
        panel.reload();

        List<String> captions = descendants(panel).filter(c -> c.hasClassName("history-caption")).map(Div::getText).toList();
        assertThat(captions).hasSize(3);
        assertThat(captions.get(0)).startsWith("CPU % per minute").endsWith("highest 2.0 %");
        assertThat(captions.get(1)).endsWith("highest 4.0 MiB");
        assertThat(captions.get(2)).endsWith("highest 7");

        List<String> charts = panel.getChildren().flatMap(Component::getChildren).flatMap(Component::getChildren)
                .filter(Svg.class::isInstance).map(c -> c.getElement().getProperty("innerHTML")).toList();
        assertThat(charts).hasSize(3);
        String cpu = charts.getFirst();
        assertThat(texts(cpu, "axis-value")).containsExactly("0.0 %", "1.0 %", "2.0 %");
        assertThat(texts(cpu, "axis-time")).hasSize(5).allMatch(t -> t.matches("\\d\\d:\\d\\d"));
        assertThat(texts(charts.get(2), "axis-value")).containsExactly("0", "5", "10");

        @SuppressWarnings("unchecked")
        Grid<MetricPoint> table = (Grid<MetricPoint>) panel.getChildren().filter(Grid.class::isInstance).findFirst().orElseThrow();
        assertThat(table.getGenericDataView().getItems()).hasSize(30);
    }

    @Test
    void aPointWithoutNeighboursIsADotAndAGapBreaksTheLine() {
        Instant t0 = Instant.parse("2026-01-01T12:00:00Z");
        List<Instant> times = List.of(t0, t0.plusSeconds(60), t0.plusSeconds(600));
        String svg = LineChart.svg("t", times, List.of(new LineChart.Series("avg", new double[]{1, 2, 1}, "line-avg")),
                t0, t0.plusSeconds(3600), java.time.Duration.ofMinutes(2), 2, v -> "", java.time.format.DateTimeFormatter.ISO_INSTANT);
        assertThat(svg).containsOnlyOnce("<path").containsOnlyOnce("<circle");
    }

    @Test
    void topIsARoundNumberAtOrAboveTheMaximum() {
        assertThat(LineChart.niceTop(2.0, 1, false)).isEqualTo(2);
        assertThat(LineChart.niceTop(2.1, 1, false)).isEqualTo(5);
        assertThat(LineChart.niceTop(0.2, 1, false)).isEqualTo(1);
        assertThat(LineChart.niceTop(63, 1, false)).isEqualTo(100);
        assertThat(LineChart.niceTop(3L << 20, 1024, true)).isEqualTo(5L << 20);
    }

    private static java.util.stream.Stream<Div> descendants(Component root) {
        return root.getChildren().flatMap(c -> java.util.stream.Stream.concat(
                c instanceof Div d ? java.util.stream.Stream.of(d) : java.util.stream.Stream.empty(), descendants(c)));
    }

    private static List<String> texts(String svg, String cssClass) {
        Matcher m = Pattern.compile("<text class=\"" + cssClass + "\"[^>]*>([^<]*)</text>").matcher(svg);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}

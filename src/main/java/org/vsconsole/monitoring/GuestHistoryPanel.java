package org.vsconsole.monitoring;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Svg;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.server.VaadinService;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;
import org.vsconsole.base.Formats;

/**
 * A guest's history for its detail page: CPU, RSS and processes over 1 h, 24 h or 7 d as
 * server-side SVG charts with value and time axes (times in UTC), captioned with the highest
 * figure of the data, and a table showing the same numbers for those who cannot read a chart.
 */
public class GuestHistoryPanel extends VerticalLayout {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final MetricsHistory history;
    private final String guest;
    private final Div charts = new Div();
    private final Grid<MetricPoint> table = new Grid<>();
    private final Button toggle = new Button("Show as table");
    private HistoryRange range = HistoryRange.HOUR;

    /** For the guest detail page: finds the history service through the Spring-backed instantiator. */
    public GuestHistoryPanel(String guest) {
        this(VaadinService.getCurrent().getInstantiator().getOrCreate(MetricsHistory.class), guest);
    }

    public GuestHistoryPanel(MetricsHistory history, String guest) {
        this.history = history;
        this.guest = guest;
        setId("guest-history");
        setPadding(false);
        Tab hour = new Tab("1 h");
        Tab day = new Tab("24 h");
        Tab week = new Tab("7 d");
        Tabs ranges = new Tabs(hour, day, week);
        org.vsconsole.base.TabStrips.withoutFocusableScroller(ranges);
        ranges.setId("history-range");
        ranges.getElement().setAttribute("aria-label", "Time range");
        ranges.addSelectedChangeListener(e -> {
            range = e.getSelectedTab() == day ? HistoryRange.DAY : e.getSelectedTab() == week ? HistoryRange.WEEK : HistoryRange.HOUR;
            reload();
        });
        toggle.setId("history-toggle");
        toggle.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        toggle.addClickListener(e -> {
            boolean showTable = !table.isVisible();
            table.setVisible(showTable);
            charts.setVisible(!showTable);
            toggle.setText(showTable ? "Show as charts" : "Show as table");
        });
        charts.setId("history-charts");
        table.setId("history-table");
        table.setAriaLabel("History figures");
        table.setVisible(false);
        table.setAllRowsVisible(false);
        table.setHeight("20em");
        table.addColumn(p -> Formats.timestamp(p.start())).setHeader("From").setAutoWidth(true);
        table.addColumn(p -> String.format(Locale.ROOT, "%.1f", p.cpuAvg())).setHeader("CPU % avg").setAutoWidth(true);
        table.addColumn(p -> String.format(Locale.ROOT, "%.1f", p.cpuMax())).setHeader("CPU % max").setAutoWidth(true);
        table.addColumn(p -> Formats.bytes(p.rssAvg())).setHeader("RSS avg").setAutoWidth(true);
        table.addColumn(p -> Formats.bytes(p.rssMax())).setHeader("RSS max").setAutoWidth(true);
        table.addColumn(MetricPoint::procMax).setHeader("Processes max").setAutoWidth(true);
        add(new HorizontalLayout(ranges, toggle), charts, table);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        reload();
    }

    void reload() {
        List<MetricPoint> points = history.history(guest, range);
        table.setItems(points);
        charts.removeAll();
        if (points.isEmpty()) {
            charts.add(new Div("No history yet for the last " + range.code() + ": figures are stored once a minute while the guest runs."));
            return;
        }
        Instant to = Instant.now();
        Instant from = to.minus(range.span());
        String per = range.hourly() ? "hour" : "minute";
        List<Instant> times = points.stream().map(MetricPoint::start).toList();
        ChartFrame frame = new ChartFrame(times, from, to, range.hourly() ? Duration.ofHours(2) : Duration.ofMinutes(2),
                range.hourly() ? DAY : CLOCK);
        charts.add(chart("CPU % per " + per, frame, "%", false, 1,
                series("average", points, MetricPoint::cpuAvg, "line-avg"),
                series("maximum", points, MetricPoint::cpuMax, "line-max")));
        charts.add(chart("RSS per " + per, frame, "bytes", true, 1024,
                series("average", points, p -> p.rssAvg(), "line-avg"),
                series("maximum", points, p -> p.rssMax(), "line-max")));
        charts.add(chart("Processes per " + per, frame, "", false, 2,
                series("maximum", points, p -> p.procMax(), "line-max")));
    }

    /** Where and how the charts of one range draw time. */
    private record ChartFrame(List<Instant> times, Instant from, Instant to, Duration gap, DateTimeFormatter timeLabel) {
    }

    private static LineChart.Series series(String name, List<MetricPoint> points, ToDoubleFunction<MetricPoint> value,
            String cssClass) {
        return new LineChart.Series(name, points.stream().mapToDouble(value).toArray(), cssClass);
    }

    private Div chart(String title, ChartFrame frame, String unit, boolean binary, double minimumTop, LineChart.Series... series) {
        double highest = 0;
        for (LineChart.Series s : series) {
            for (double v : s.values()) {
                highest = Math.max(highest, v);
            }
        }
        double top = LineChart.niceTop(highest, minimumTop, binary);
        DoubleFunction<String> label = switch (unit) {
            case "bytes" -> v -> Formats.bytes((long) v);
            case "%" -> v -> String.format(Locale.ROOT, "%.1f %%", v);
            default -> GuestHistoryPanel::number;
        };
        String names = series.length == 1
                ? series[0].name()
                : java.util.Arrays.stream(series).map(LineChart.Series::name).collect(java.util.stream.Collectors.joining(" and "));
        String caption = title + " (" + names + "), " + Formats.timestamp(frame.times().getFirst()) + " to "
                + Formats.timestamp(frame.times().getLast()) + ", highest " + label.apply(highest);
        Div captionText = new Div(caption);
        captionText.addClassName("history-caption");
        Div box = new Div(new H3(title), legend(series),
                new Svg(LineChart.svg(caption, frame.times(), List.of(series), frame.from(), frame.to(), frame.gap(), top, label,
                        frame.timeLabel())),
                captionText);
        box.addClassName("history-box");
        return box;
    }

    private static Div legend(LineChart.Series... series) {
        Div legend = new Div();
        legend.addClassName("history-legend");
        for (LineChart.Series s : series) {
            Span key = new Span(s.name());
            key.addClassNames("legend-key", s.cssClass());
            legend.add(key);
        }
        return legend;
    }

    /** 2, 2.5, 0.25: as many decimals as the number needs, at most two. */
    static String number(double v) {
        if (v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v * 10 == Math.rint(v * 10)) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}

package org.vsconsole.monitoring;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Svg;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.server.VaadinService;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.vsconsole.base.Formats;

/**
 * A guest's history for its detail page: CPU, RSS and processes over 1 h, 24 h or 7 d as
 * server-side SVG charts, with a table showing the same numbers for those who cannot read a chart.
 */
public class GuestHistoryPanel extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());

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
        ranges.setId("history-range");
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
        table.setVisible(false);
        table.setAllRowsVisible(false);
        table.setHeight("20em");
        table.addColumn(p -> TIME.format(p.start())).setHeader("From").setAutoWidth(true);
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
        charts.add(chart("CPU % (average and maximum per " + (range.hourly() ? "hour" : "minute") + ")", points,
                MetricPoint::cpuAvg, 100, "%"));
        charts.add(chart("RSS (average)", points, p -> p.rssAvg(), 0, "bytes"));
        charts.add(chart("Processes (maximum)", points, p -> p.procMax(), 0, ""));
    }

    private Div chart(String title, List<MetricPoint> points, ToDoubleFunction<MetricPoint> value, double max, String unit) {
        double[] values = points.stream().mapToDouble(value).toArray();
        double top = max;
        for (double v : values) {
            top = Math.max(top, v);
        }
        String label = title + ", " + TIME.format(points.getFirst().start()) + " to " + TIME.format(points.getLast().start())
                + ", highest " + ("bytes".equals(unit) ? Formats.bytes((long) top) : String.format(Locale.ROOT, "%.1f %s", top, unit));
        Div box = new Div(new H4(title), new Svg(Sparkline.svg(values, top, 600, 80, label, "history-chart")),
                new Div(label));
        box.addClassName("history-box");
        return box;
    }
}

package org.vsconsole.guests;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vsconsole.base.Formats;
import org.vsconsole.base.LiveUpdates;
import org.vsconsole.host.ContextDetails;
import org.vsconsole.monitoring.Sampler;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The guest page's Context tab: load, tasks and uptime ({@code cvirt}), the scheduler's bucket and
 * ticks ({@code sched}), socket accounting ({@code cacct}) and the context's status, and for an
 * ADMIN the raw {@code /proc/virtual/<xid>/} files, collapsed. Follows the sampler's ticks; the
 * parts are built once per shape (running or not, which files) and only their texts change after,
 * so an opened raw file stays open. A figure the driver cannot give reads "not available on this
 * driver", never a made-up 0.
 */
class GuestContextTab extends VerticalLayout {

    static final String NOT_AVAILABLE = "not available on this driver";
    /** A figure the kernel's generation does not print (the token count is vs2.0's only, …). */
    static final String NOT_IN_KERNEL = "not shown by this kernel";

    private final GuestContextService service;
    private final String name;
    private final Map<String, Span> values = new HashMap<>();
    private final Map<String, Pre> rawTexts = new HashMap<>();
    private final Paragraph source = new Paragraph();
    /** Made by build() for a context whose scheduler (cacct) figures are shown; the shape says which. */
    private @Nullable Grid<ContextDetails.CpuTicks> cpus;
    private @Nullable Grid<ContextDetails.Sockets> sockets;
    private String shape = "";
    /** What a missing figure is called: the driver's lack, or this kernel generation's. */
    private String missing = NOT_AVAILABLE;

    GuestContextTab(GuestContextService service, Sampler sampler, String name) {
        this.service = service;
        this.name = name;
        setId("guest-context");
        setPadding(false);
        source.setId("context-source");
        LiveUpdates.follow(this, sampler::subscribe, snapshot -> refresh());
    }

    @Override
    protected void onAttach(AttachEvent event) {
        refresh();
    }

    void refresh() {
        GuestContextService.ContextView view;
        try {
            view = service.details(name);
        } catch (RuntimeException e) {
            source.setText("Cannot read the context: " + e.getMessage());
            return;
        }
        ContextDetails d = view.details();
        String next = d == null ? "stopped" : shapeOf(d);
        if (!next.equals(shape)) {
            shape = next;
            build(view);
        }
        if (d != null) {
            missing = d.source().startsWith("/proc/virtual") ? NOT_IN_KERNEL : NOT_AVAILABLE;
            update(d);
        }
    }

    private static String shapeOf(ContextDetails d) {
        return d.source() + d.rawFiles().keySet() + (d.sched() == null) + (d.sockets() == null) + (d.status() == null)
                + (d.cvirt() == null) + d.unavailable().size();
    }

    private void build(GuestContextService.ContextView view) {
        removeAll();
        values.clear();
        rawTexts.clear();
        add(source);
        ContextDetails d = view.details();
        if (d == null) {
            source.setText("Not running: a context and its figures exist only while the guest runs.");
            return;
        }
        source.setText("Context " + d.xid() + ", read from " + d.source() + " at every tick.");
        add(new H3("Load and tasks (cvirt)"), facts("cvirt", new String[][]{
                {"load", "Load average (1, 5, 15 min)"}, {"threads", "Threads"}, {"running", "Running"},
                {"unintr", "Uninterruptible"}, {"onhold", "On hold"}, {"forks", "Forks since start"},
                {"uptime", "Uptime"}, {"nodename", "Host name"}, {"release", "Kernel release"}}));
        add(new H3("Scheduler (sched)"));
        if (d.sched() == null) {
            add(notAvailable("sched"));
        } else {
            add(facts("sched", new String[][]{
                    {"tokens", "Tokens"}, {"fill", "Fill rate / interval"}, {"idlefill", "Idle fill rate / interval"},
                    {"bucket", "Tokens min / max"}, {"hold", "Held back (ticks, all CPUs)"}, {"prio", "Priority bias"}}));
            cpus = new Grid<>();
            cpus.setId("context-sched-cpus");
            cpus.setAriaLabel("Scheduler ticks per CPU");
            cpus.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
            cpus.addColumn(ContextDetails.CpuTicks::cpu).setHeader("CPU").setAutoWidth(true);
            cpus.addColumn(ContextDetails.CpuTicks::user).setHeader("User ticks").setAutoWidth(true);
            cpus.addColumn(ContextDetails.CpuTicks::system).setHeader("System ticks").setAutoWidth(true);
            cpus.addColumn(ContextDetails.CpuTicks::hold).setHeader("Hold ticks").setAutoWidth(true);
            cpus.setAllRowsVisible(true);
            add(cpus);
        }
        add(new H3("Socket accounting (cacct)"));
        if (d.sockets() == null) {
            add(notAvailable("cacct"));
        } else {
            sockets = new Grid<>();
            sockets.setId("context-cacct");
            sockets.setAriaLabel("Socket accounting per address family");
            sockets.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
            sockets.addColumn(ContextDetails.Sockets::family).setHeader("Family").setAutoWidth(true);
            sockets.addColumn(s -> traffic(s.receivedCount(), s.receivedBytes())).setHeader("Received").setAutoWidth(true);
            sockets.addColumn(s -> traffic(s.sentCount(), s.sentBytes())).setHeader("Sent").setAutoWidth(true);
            sockets.addColumn(s -> traffic(s.failedCount(), s.failedBytes())).setHeader("Failed").setAutoWidth(true);
            sockets.setAllRowsVisible(true);
            add(sockets);
        }
        add(new H3("Status"), facts("status", new String[][]{
                {"tasks", "Tasks"}, {"usecount", "Use count"}, {"flags", "Flags"}, {"bcaps", "System capabilities"},
                {"ccaps", "Context capabilities"}}));
        if (!d.unavailable().isEmpty()) {
            UnorderedList list = new UnorderedList();
            list.setId("context-unavailable");
            d.unavailable().forEach(line -> list.add(new ListItem(line)));
            add(new H3("Not shown"), list);
        }
        if (!d.rawFiles().isEmpty()) {
            Div raw = new Div();
            raw.setId("context-raw");
            for (String file : d.rawFiles().keySet()) {
                Pre text = new Pre();
                text.addClassName("raw-file");
                rawTexts.put(file, text);
                Details details = new Details(d.source() + "/" + file, text);
                details.setId("context-raw-" + file);
                raw.add(details);
            }
            add(new H3("Raw files (ADMIN)"), raw);
        }
    }

    private void update(ContextDetails d) {
        ContextDetails.Cvirt c = d.cvirt();
        set("cvirt-load", c == null || c.load1() == null
                ? null
                : String.format(Locale.ROOT, "%.2f / %.2f / %.2f", c.load1(), c.load5(), c.load15()));
        set("cvirt-threads", c == null ? null : c.threads());
        set("cvirt-running", c == null ? null : c.running());
        set("cvirt-unintr", c == null ? null : c.uninterruptible());
        set("cvirt-onhold", c == null ? null : c.onHold());
        set("cvirt-forks", c == null ? null : c.totalForks());
        set("cvirt-uptime", c == null || c.uptimeMs() == null ? null : Formats.duration(c.uptimeMs()));
        set("cvirt-nodename", c == null || c.nodeName() == null
                ? null
                : c.nodeName() + (c.domainName() == null || c.domainName().isEmpty() ? "" : " (" + c.domainName() + ")"));
        set("cvirt-release", c == null || c.release() == null
                ? null
                : String.join(" ", List.of(orEmpty(c.sysName()), c.release(), orEmpty(c.machine()))).strip());
        ContextDetails.Sched s = d.sched();
        if (s != null) {
            set("sched-tokens", s.tokens());
            set("sched-fill", pair(s.fillRate(), s.interval()));
            set("sched-idlefill", pair(s.idleFillRate(), s.idleInterval()));
            set("sched-bucket", pair(s.tokensMin(), s.tokensMax()));
            set("sched-hold", s.holdTicks());
            set("sched-prio", s.prioBias());
            Objects.requireNonNull(cpus, "the shape has a sched section, so build() made its grid").setItems(s.cpus());
        }
        if (d.sockets() != null) {
            Objects.requireNonNull(sockets, "the shape has a cacct section, so build() made its grid").setItems(d.sockets());
        }
        ContextDetails.Status st = d.status();
        set("status-tasks", st == null ? null : st.tasks());
        set("status-usecount", st == null ? null : st.useCount());
        set("status-flags", st == null ? null : st.flags());
        set("status-bcaps", st == null ? null : st.systemCapabilities());
        set("status-ccaps", st == null ? null : st.contextCapabilities());
        d.rawFiles().forEach((file, text) -> {
            Pre pre = rawTexts.get(file);
            if (pre != null) {
                pre.setText(text);
            }
        });
    }

    private Div facts(String section, String[][] rows) {
        Div list = new Div();
        list.addClassName("facts");
        list.setId("context-" + section);
        for (String[] row : rows) {
            Span value = new Span();
            value.setId("context-" + section + "-" + row[0]);
            values.put(section + "-" + row[0], value);
            Div line = new Div(new Span(row[1]), value);
            line.addClassName("fact");
            list.add(line);
        }
        return list;
    }

    private static Paragraph notAvailable(String section) {
        Paragraph p = new Paragraph(capitalised(section) + ": " + NOT_AVAILABLE + ".");
        p.setId("context-" + section + "-unavailable");
        return p;
    }

    private void set(String key, @Nullable Object value) {
        Span span = values.get(key);
        if (span != null) {
            span.setText(value == null ? missing : value.toString());
            span.getElement().getClassList().set("not-available", value == null);
        }
    }

    private static @Nullable String pair(@Nullable Long first, @Nullable Long second) {
        return first == null && second == null ? null : orDash(first) + " / " + orDash(second);
    }

    private static String orDash(@Nullable Long value) {
        return value == null ? "—" : value.toString();
    }

    private static String orEmpty(@Nullable String text) {
        return text == null ? "" : text;
    }

    private static String traffic(long count, long bytes) {
        return count + " · " + Formats.bytes(bytes);
    }

    private static String capitalised(String text) {
        return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }
}

package org.vsconsole.terminal;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.vsconsole.base.MainLayout;

/** Recorded terminal sessions for auditors: who, where, when, how long, searchable by what they showed. */
@Route(value = "terminal-sessions", layout = MainLayout.class)
@PageTitle("Terminal sessions · VServer Console")
@Menu(order = 31, title = "Terminal sessions", icon = "vaadin:terminal")
@RolesAllowed({"ADMIN", "AUDITOR"})
public class TerminalSessionsView extends VerticalLayout {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final RecordingArchive archive;
    private final Grid<TerminalRecording> grid = new Grid<>(TerminalRecording.class, false);
    private final TextField search = new TextField();
    private final Span count = new Span();

    public TerminalSessionsView(RecordingArchive archive) {
        this.archive = archive;
        setSizeFull();
        search.setId("sessions-search");
        search.setPlaceholder("Text shown in the session");
        search.setClearButtonVisible(true);
        search.setWidth("22rem");
        Button find = new Button("Search", VaadinIcon.SEARCH.create(), e -> refresh());
        find.setId("sessions-search-button");
        find.addClickShortcut(com.vaadin.flow.component.Key.ENTER);
        count.setId("sessions-count");
        HorizontalLayout bar = new HorizontalLayout(search, find, count);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);

        grid.setId("sessions-grid");
        grid.setAriaLabel("Recorded terminal sessions");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(r -> TIME.format(r.openedAt())).setHeader("Opened (UTC)").setAutoWidth(true);
        grid.addColumn(TerminalRecording::guest).setHeader("Guest").setAutoWidth(true);
        grid.addColumn(TerminalRecording::actor).setHeader("User").setAutoWidth(true);
        grid.addColumn(TerminalSessionsView::duration).setHeader("Duration").setAutoWidth(true);
        grid.addColumn(r -> r.live() ? "running" : r.closeReason()).setHeader("End").setFlexGrow(1);
        grid.addColumn(r -> r.expired()
                ? "removed (retention)"
                : r.sha256() == null
                        ? "—"
                        : r.sha256().substring(0, 12) + "…")
                .setHeader("SHA-256").setAutoWidth(true);
        grid.addComponentColumn(r -> {
            Button replay = new Button("Replay", VaadinIcon.PLAY.create(),
                    e -> getUI().ifPresent(ui -> ui.navigate(TerminalReplayView.class, new RouteParameters("id", r.id()))));
            replay.addThemeVariants(ButtonVariant.LUMO_SMALL);
            replay.setEnabled(!r.expired());
            replay.setId("replay-" + r.id());
            replay.setAriaLabel("Replay session " + r.id());
            return replay;
        }).setHeader("Actions").setAutoWidth(true);
        add(new H2("Terminal sessions"), bar, grid);
        expand(grid);
        refresh();
    }

    private void refresh() {
        var rows = archive.recordings(search.getValue());
        grid.setItems(rows);
        count.setText(rows.size() + (rows.size() == 1 ? " session" : " sessions"));
    }

    static String duration(TerminalRecording r) {
        if (r.closedAt() == null) {
            return "running";
        }
        Duration d = Duration.between(r.openedAt(), r.closedAt());
        return d.toHours() > 0
                ? String.format("%d h %02d min", d.toHours(), d.toMinutesPart())
                : String.format("%d min %02d s", d.toMinutes(), d.toSecondsPart());
    }
}

package org.vsconsole.audit;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadEvent;
import jakarta.annotation.security.RolesAllowed;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.vsconsole.base.MainLayout;
import org.jspecify.annotations.Nullable;

/**
 * The audit log for admins and auditors: a lazy grid over every row with filters, CSV export of
 * what the filters select, and verification of the hash chain.
 */
@Route(value = "audit", layout = MainLayout.class)
@PageTitle("Audit · VServer Console")
@Menu(order = 30, title = "Audit", icon = "vaadin:file-text-o")
@RolesAllowed({"ADMIN", "AUDITOR"})
public class AuditView extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final AuditService audit;
    private final AuditSearch search;
    private final Grid<AuditEvent> grid = new Grid<>(AuditEvent.class, false);
    private final TextField actor = filterField("Actor", "audit-filter-actor");
    private final TextField action = filterField("Action", "audit-filter-action");
    private final TextField target = filterField("Target", "audit-filter-target");
    private final TextField host = filterField("Host", "audit-filter-host");
    private final Select<Outcome> outcome = new Select<>();
    private final DateTimePicker from = new DateTimePicker("From (UTC)");
    private final DateTimePicker to = new DateTimePicker("To (UTC)");
    private final Span verifyResult = new Span();

    public AuditView(AuditService audit, AuditSearch search) {
        this.audit = audit;
        this.search = search;
        setSizeFull();
        outcome.setLabel("Outcome");
        outcome.setId("audit-filter-outcome");
        outcome.setItems(Outcome.values());
        outcome.setEmptySelectionAllowed(true);
        outcome.setEmptySelectionCaption("Any");
        outcome.setItemLabelGenerator(o -> o == null ? "Any" : o.dbValue());
        outcome.addValueChangeListener(e -> refresh());
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());

        Button verify = new Button("Verify chain", VaadinIcon.CHECK_CIRCLE_O.create(), e -> verify());
        verify.setId("audit-verify");
        verifyResult.setId("audit-verify-result");
        Anchor export = new Anchor((DownloadEvent event) -> {
            event.setFileName("audit-" + TIME.format(java.time.Instant.now()).replace(' ', 'T').replace(':', '-') + ".csv");
            event.setContentType("text/csv; charset=UTF-8");
            try (Writer out = new OutputStreamWriter(event.getOutputStream(), StandardCharsets.UTF_8)) {
                writeCsv(search, query(), out);
            }
        }, "");
        export.add(new Button("Export CSV", VaadinIcon.DOWNLOAD.create()));
        export.setId("audit-export");

        HorizontalLayout header = new HorizontalLayout(new H2("Audit log"), verifyResult, verify, export);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(verifyResult);
        host.setHelperText("local, or a managed host's name");
        HorizontalLayout filters = new HorizontalLayout(actor, action, target, host, outcome, from, to);
        filters.setWidthFull();
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.getStyle().set("flex-wrap", "wrap");

        grid.setId("audit-grid");
        grid.setAriaLabel("Audit log");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(AuditEvent::seq).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> TIME.format(e.time())).setHeader("Time (UTC)").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditEvent::actor).setHeader("Actor").setAutoWidth(true);
        grid.addColumn(AuditEvent::action).setHeader("Action").setAutoWidth(true);
        grid.addColumn(AuditHosts::of).setHeader("Host").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditView::targetText).setHeader("Target").setAutoWidth(true);
        grid.addComponentColumn(AuditView::outcomeBadge).setHeader("Outcome").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> e.message() == null ? "" : e.message()).setHeader("Message").setFlexGrow(1);
        grid.addColumn(AuditEvent::clientAddress).setHeader("Client").setAutoWidth(true);
        grid.addColumn(e -> e.durationMs() + " ms").setHeader("Duration").setAutoWidth(true).setFlexGrow(0);
        grid.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(AuditView::details));
        add(header);
        audit.integrityProblem().ifPresent(problem -> add(reanchorForm(problem)));
        add(filters, grid);
        expand(grid);
        refresh();
    }

    private TextField filterField(String label, String id) {
        TextField field = new TextField(label);
        field.setId(id);
        field.setClearButtonVisible(true);
        field.setValueChangeMode(ValueChangeMode.LAZY);
        field.addValueChangeListener(e -> refresh());
        return field;
    }

    AuditQuery query() {
        return new AuditQuery(actor.getValue(), action.getValue(), target.getValue(), outcome.getValue(),
                instant(from.getValue()), instant(to.getValue()), host.getValue());
    }

    private void refresh() {
        AuditQuery q = query();
        host.setInvalid(false);
        if (q.host() != null && !q.host().isBlank()) {
            try {
                AuditHosts.check(q.host().trim());
            } catch (org.vsconsole.base.InvalidInputException e) {
                host.setErrorMessage(e.rule());
                host.setInvalid(true);
                grid.setItems(java.util.List.of());
                return;
            }
        }
        grid.setItems(page -> search.find(q, page.getOffset(), page.getLimit()).stream(),
                page -> (int) Math.min(Integer.MAX_VALUE, search.count(q)));
    }

    /** Shown while the log does not match its anchor; only an ADMIN's re-anchor is accepted by the service. */
    private HorizontalLayout reanchorForm(String problem) {
        com.vaadin.flow.component.textfield.TextField reason = new com.vaadin.flow.component.textfield.TextField(
                "What was reviewed (recorded in the log)");
        reason.setId("audit-reanchor-reason");
        reason.setWidth("28rem");
        Button reanchor = new Button("Re-anchor the log", e -> {
            try {
                audit.reanchor(reason.getValue());
                com.vaadin.flow.component.UI.getCurrent().getPage().reload();
            } catch (org.vsconsole.base.InvalidInputException ex) {
                reason.setErrorMessage(ex.rule());
                reason.setInvalid(true);
            }
        });
        reanchor.setId("audit-reanchor");
        reanchor.addThemeVariants(ButtonVariant.LUMO_ERROR);
        Span text = new Span(problem);
        text.getElement().getThemeList().add("badge error");
        HorizontalLayout form = new HorizontalLayout(text, reason, reanchor);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.getStyle().set("flex-wrap", "wrap");
        return form;
    }

    private void verify() {
        ChainVerification result = audit.verify();
        verifyResult.setText(result.ok()
                ? "Chain intact: " + result.rows() + " rows verified"
                : "Chain broken at row #" + result.firstBrokenSeq() + ": " + result.reason());
        verifyResult.getElement().getThemeList().clear();
        verifyResult.getElement().getThemeList().add(result.ok() ? "badge success" : "badge error primary");
    }

    private static String targetText(AuditEvent e) {
        StringBuilder out = new StringBuilder();
        if (e.targetGuest() != null) {
            out.append(e.targetGuest());
        }
        if (e.targetXid() != null) {
            out.append(" (").append(e.targetXid()).append(')');
        }
        if (e.targetDetail() != null) {
            out.append(out.isEmpty() ? "" : " · ").append(e.targetDetail());
        }
        return out.toString();
    }

    private static Span outcomeBadge(AuditEvent e) {
        Span badge = new Span(e.outcome().dbValue());
        badge.getElement().getThemeList().add(switch (e.outcome()) {
            case OK -> "badge success";
            case DENIED -> "badge error";
            case FAILED -> "badge error primary";
        });
        return badge;
    }

    private static VerticalLayout details(AuditEvent e) {
        VerticalLayout box = new VerticalLayout();
        box.setPadding(false);
        box.add(new Span("Correlation " + e.correlationId() + " · roles " + e.actorRoles() + " · hash " + e.hash()));
        if (e.beforeJson() != null) {
            box.add(new Span("Before"), new Pre(e.beforeJson()));
        }
        if (e.afterJson() != null) {
            box.add(new Span("After"), new Pre(e.afterJson()));
        }
        return box;
    }

    private static java.time.@Nullable Instant instant(@Nullable LocalDateTime value) {
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    static void writeCsv(AuditSearch search, AuditQuery q, Writer out) throws java.io.IOException {
        AuditCsv.writeHeader(out);
        int page = 500;
        for (int offset = 0;; offset += page) {
            var rows = search.find(q, offset, page);
            for (AuditEvent e : rows) {
                AuditCsv.writeRow(out, e);
            }
            if (rows.size() < page) {
                break;
            }
        }
        out.flush();
    }
}

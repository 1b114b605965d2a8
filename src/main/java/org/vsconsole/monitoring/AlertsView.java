package org.vsconsole.monitoring;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.vsconsole.audit.AuditEvent;
import org.vsconsole.audit.AuditService;
import org.vsconsole.base.Feedback;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.base.LiveUpdates;
import org.vsconsole.base.MainLayout;
import org.vsconsole.security.CurrentUser;
import org.vsconsole.security.Role;

/**
 * Fired alerts, newest first (an OWNER sees only their guests'); ADMIN tunes the rules here. A
 * new alert shows without a reload: each firing is audited, and the page follows the audit log.
 */
@Route(value = "alerts", layout = MainLayout.class)
@PageTitle("Alerts · VServer Console")
@Menu(order = 25, title = "Alerts", icon = "vaadin:bell")
@PermitAll
public class AlertsView extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final AlertService alerts;
    private final Grid<AlertFiring> grid = new Grid<>();

    public AlertsView(AlertService alerts, CurrentUser currentUser, AuditService audit) {
        this.alerts = alerts;
        setSizeFull();
        LiveUpdates.<AuditEvent>follow(this, listener -> audit.subscribe(e -> {
            if (AlertService.FIRED_ACTION.equals(e.action())) {
                listener.accept(e);
            }
        }), e -> reload());
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> reload());
        refresh.setId("alerts-refresh");
        HorizontalLayout header = new HorizontalLayout(new H2("Alerts"), refresh);
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        add(header);
        if (currentUser.hasRole(Role.ADMIN)) {
            add(settingsForm());
        }
        grid.setId("alerts-grid");
        grid.setAriaLabel("Fired alerts");
        grid.addColumn(f -> TIME.format(f.firedAt())).setHeader("When").setAutoWidth(true);
        grid.addColumn(AlertFiring::guest).setHeader("Guest").setAutoWidth(true);
        grid.addColumn(AlertFiring::rule).setHeader("Rule").setAutoWidth(true);
        grid.addColumn(AlertFiring::message).setHeader("What happened").setFlexGrow(1);
        grid.setEmptyStateText("No alerts have fired.");
        add(grid);
        expand(grid);
        reload();
    }

    private void reload() {
        grid.setItems(alerts.recent(500));
    }

    private Details settingsForm() {
        AlertSettings s = alerts.settings();
        Checkbox hits = new Checkbox("Alert when a limit's hit counter rises", s.hitsEnabled());
        Checkbox rss = new Checkbox("Alert when RSS stays high", s.rssEnabled());
        IntegerField percent = new IntegerField("RSS at or above (% of its limit)");
        percent.setValue(s.rssPercent());
        percent.setMin(1);
        percent.setMax(100);
        IntegerField minutes = new IntegerField("for at least (minutes)");
        minutes.setValue(s.rssMinutes());
        minutes.setMin(1);
        minutes.setMax(1440);
        Checkbox stopped = new Checkbox("Alert when a guest stops without anyone stopping it", s.stoppedEnabled());
        hits.setId("alert-hits-enabled");
        rss.setId("alert-rss-enabled");
        percent.setId("alert-rss-percent");
        minutes.setId("alert-rss-minutes");
        stopped.setId("alert-stopped-enabled");
        Button save = new Button("Save rules", e -> {
            percent.setInvalid(false);
            minutes.setInvalid(false);
            try {
                alerts.update(new AlertSettings(hits.getValue(), rss.getValue(),
                        percent.getValue() == null ? 0 : percent.getValue(), minutes.getValue() == null ? 0 : minutes.getValue(),
                        stopped.getValue()));
                Feedback.success("Alert rules saved");
            } catch (InvalidInputException ex) {
                IntegerField field = ex.field().equals("rssPercent") ? percent : minutes;
                field.setErrorMessage(ex.rule());
                field.setInvalid(true);
            }
        });
        save.setId("alert-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        VerticalLayout form = new VerticalLayout(hits, new HorizontalLayout(rss, percent, minutes), stopped, save);
        form.setPadding(false);
        Details details = new Details("Rules", form);
        details.setId("alert-rules");
        return details;
    }
}

package org.vsconsole.updates;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.RolesAllowed;
import java.util.Arrays;
import java.util.List;
import org.vsconsole.base.Feedback;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.base.MainLayout;
import org.vsconsole.jobs.Job;
import org.vsconsole.jobs.JobProgressPanel;
import org.vsconsole.jobs.JobService;
import org.vsconsole.jobs.JobState;
import org.jspecify.annotations.Nullable;

/**
 * {@code vapt-get} in the browser: pick guests (or all), an apt action and packages, look at a dry
 * run first, then run it as a job whose table shows each guest's own result. Failed guests can
 * be run again with one click; a real run asks for confirmation first.
 */
@Route(value = "updates", layout = MainLayout.class)
@PageTitle("Package updates · VServer Console")
@Menu(order = 15, title = "Updates", icon = "vaadin:package")
@RolesAllowed({"ADMIN", "OPERATOR", "OWNER"})
public class UpdatesView extends VerticalLayout {

    private final UpdateService updates;
    private final JobService jobs;
    final Grid<UpdateService.GuestRow> guests = new Grid<>();
    final Checkbox securityOnly = new Checkbox("Only guests with security updates");
    final Select<UpdateAction> action = new Select<>();
    final TextField packages = new TextField("Packages");
    final Checkbox dryRun = new Checkbox("Dry run: only list what would change", true);
    final RadioButtonGroup<String> stopped = new RadioButtonGroup<>("Stopped guests");
    final Button runSelected = new Button("Run on selected guests");
    final Button runAll = new Button("Run on all guests");
    final Grid<Job.JobItem> items = new Grid<>();
    final Button retry = new Button("Retry the failed guests");
    private final Div jobArea = new Div();
    private @Nullable Registration following;
    private long shownJob = -1;

    public UpdatesView(UpdateService updates, JobService jobs) {
        this.updates = updates;
        this.jobs = jobs;
        setId("updates-view");
        add(new H2("Package updates"));
        add(new Paragraph("Runs apt-get inside the chosen guests through the host's package cache, one guest after"
                + " the other. Counts of pending updates come from the last dry run of dist-upgrade."));
        guestGrid();
        form();
        items.setId("update-items");
        items.setAriaLabel("Update result per guest");
        items.addColumn(Job.JobItem::item).setHeader("Guest").setAutoWidth(true).setFlexGrow(0);
        items.addComponentColumn(i -> badge(i.state())).setHeader("Result").setAutoWidth(true).setFlexGrow(0);
        items.addColumn(i -> i.message() == null ? "" : i.message()).setHeader("Details").setFlexGrow(1);
        items.setAllRowsVisible(true);
        items.setVisible(false);
        retry.setId("update-retry");
        retry.setVisible(false);
        retry.addClickListener(e -> start(() -> updates.retryFailed(shownJob)));
        add(new H3("Last run"), items, retry, jobArea);
        setWidthFull();
    }

    private void guestGrid() {
        guests.setId("update-guests");
        guests.setAriaLabel("Guests and their pending updates");
        guests.setSelectionMode(Grid.SelectionMode.MULTI);
        guests.addColumn(UpdateService.GuestRow::name).setHeader("Guest").setSortable(true).setAutoWidth(true);
        guests.addColumn(r -> r.running() ? "running" : "stopped").setHeader("State").setAutoWidth(true);
        guests.addColumn(r -> r.pending() == null
                ? "not checked"
                : r.pending().problem() != null
                        ? "check failed"
                        : String.valueOf(r.pending().pending()))
                .setHeader("Pending").setAutoWidth(true);
        guests.addComponentColumn(r -> r.pending() != null && r.pending().hasSecurityUpdates()
                ? badgeText(r.pending().security() + " security", "badge error")
                : new Span(""))
                .setHeader("Security").setAutoWidth(true);
        guests.addColumn(r -> r.pending() == null ? "" : org.vsconsole.base.Formats.timestamp(r.pending().checkedAt()))
                .setHeader("Checked").setAutoWidth(true);
        guests.setAllRowsVisible(true);
        securityOnly.setId("update-security-only");
        securityOnly.addValueChangeListener(e -> refreshGuests());
        add(securityOnly, guests);
        refreshGuests();
    }

    private void form() {
        action.setLabel("Action");
        action.setId("update-action");
        action.setItems(UpdateAction.values());
        action.setItemLabelGenerator(UpdateAction::command);
        action.setValue(UpdateAction.UPGRADE);
        packages.setId("update-packages");
        packages.setPlaceholder("for install and remove, separated by spaces");
        packages.setWidth("24em");
        packages.setEnabled(false);
        action.addValueChangeListener(e -> packages.setEnabled(e.getValue() != null && e.getValue().takesPackages()));
        dryRun.setId("update-dry-run");
        stopped.setId("update-stopped");
        stopped.setItems("skip", "start");
        stopped.setItemLabelGenerator(s -> s.equals("skip") ? "skip them" : "start them for the update, stop again");
        stopped.setValue("skip");
        runSelected.setId("update-run-selected");
        runAll.setId("update-run-all");
        runSelected.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        runSelected.addClickListener(e -> confirmAndRun(false));
        runAll.addClickListener(e -> confirmAndRun(true));
        HorizontalLayout row = new HorizontalLayout(action, packages, stopped);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.setWrap(true);
        HorizontalLayout buttons = new HorizontalLayout(runSelected, runAll);
        buttons.setWrap(true);
        add(row, dryRun, buttons);
    }

    private void confirmAndRun(boolean all) {
        List<String> chosen = all ? List.of() : guests.getSelectedItems().stream().map(UpdateService.GuestRow::name).sorted().toList();
        if (!all && chosen.isEmpty()) {
            Feedback.info("Select at least one guest");
            return;
        }
        UpdateRequest request = new UpdateRequest(chosen, all, action.getValue() == null ? null : action.getValue().command(),
                packages.getValue().isBlank() ? List.of() : Arrays.asList(packages.getValue().trim().split("\\s+")),
                dryRun.getValue(), stopped.getValue());
        if (dryRun.getValue()) {
            start(() -> updates.submit(request));
            return;
        }
        String who = all ? "every guest you may update" : String.join(", ", chosen);
        Feedback.confirmDestructive("Run apt-get " + request.action() + "?",
                "This changes packages inside " + who + ". Consider a dry run first.", "Run it",
                () -> start(() -> updates.submit(request))).setId("update-confirm");
    }

    private void start(java.util.function.Supplier<Job> submit) {
        try {
            show(submit.get());
        } catch (InvalidInputException e) {
            Feedback.error(e.getMessage());
        }
    }

    private void show(Job job) {
        stopFollowing();
        shownJob = job.id();
        jobArea.removeAll();
        jobArea.add(new JobProgressPanel(jobs, job.id(), finished -> {
            showItems(finished);
            refreshGuests();
        }));
        showItems(job);
        getUI().ifPresent(ui -> following = jobs.follow(job.id(), e -> ui.access(() -> showItems(jobs.get(job.id())))));
    }

    private void showItems(Job job) {
        items.setItems(job.items());
        items.setVisible(true);
        retry.setVisible(job.state().finished() && job.items().stream().anyMatch(i -> i.state() == JobState.FAILED));
    }

    private void refreshGuests() {
        List<UpdateService.GuestRow> rows = updates.guests();
        guests.setItems(securityOnly.getValue()
                ? rows.stream().filter(r -> r.pending() != null && r.pending().hasSecurityUpdates()).toList()
                : rows);
    }

    private static Span badge(JobState state) {
        return badgeText(state.dbValue(), switch (state) {
            case SUCCEEDED -> "badge success";
            case FAILED, INTERRUPTED -> "badge error";
            case SKIPPED, CANCELLED -> "badge contrast";
            default -> "badge";
        });
    }

    private static Span badgeText(String text, String theme) {
        Span span = new Span(text);
        span.getElement().getThemeList().add(theme);
        return span;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        refreshGuests();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        stopFollowing();
    }

    private void stopFollowing() {
        if (following != null) {
            following.remove();
            following = null;
        }
    }
}

package org.vsconsole.jobs;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.vsconsole.base.Formats;
import org.vsconsole.base.LiveUpdates;
import org.vsconsole.base.MainLayout;
import org.jspecify.annotations.Nullable;

/**
 * Every job the user may see (all of them for staff and auditors, one's own for a guest owner),
 * newest first, following their state live; filter by kind, state and user; choose one to read
 * its log and progress as it runs, and cancel it when the user may. {@code ?job=ID} opens one.
 */
@Route(value = "jobs", layout = MainLayout.class)
@PageTitle("Jobs · VServer Console")
@Menu(order = 16, title = "Jobs", icon = "vaadin:tasks")
@PermitAll
public class JobsView extends VerticalLayout implements BeforeEnterObserver {

    static final String JOB_PARAMETER = "job";

    private final JobService jobs;
    private final Grid<Job> grid = new Grid<>(Job.class, false);
    private final Select<String> kind = new Select<>();
    private final Select<JobState> state = new Select<>();
    private final TextField user = new TextField();
    private final Div detail = new Div();
    /** By id, newest first: an event replaces one job in place, so the user's scroll and choice stay. */
    private final Map<Long, Job> shown = new LinkedHashMap<>();
    private @Nullable Long chosen;

    public JobsView(JobService jobs) {
        this.jobs = jobs;
        setSizeFull();
        add(new H2("Jobs"));

        kind.setId("jobs-kind");
        kind.setLabel("Kind");
        kind.setEmptySelectionAllowed(true);
        kind.setEmptySelectionCaption("All kinds");
        kind.addValueChangeListener(e -> applyFilter());
        state.setId("jobs-state");
        state.setLabel("State");
        state.setItems(JobState.QUEUED, JobState.RUNNING, JobState.SUCCEEDED, JobState.FAILED, JobState.CANCELLED,
                JobState.INTERRUPTED);
        state.setEmptySelectionAllowed(true);
        state.setEmptySelectionCaption("All states");
        state.setItemLabelGenerator(s -> s == null ? "All states" : JobBadges.text(s, null));
        state.addValueChangeListener(e -> applyFilter());
        user.setId("jobs-user");
        user.setLabel("User");
        user.setClearButtonVisible(true);
        user.setValueChangeMode(ValueChangeMode.LAZY);
        user.addValueChangeListener(e -> applyFilter());
        HorizontalLayout filters = new HorizontalLayout(kind, state, user);
        filters.addClassName("wrapping-toolbar");
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);

        grid.setId("jobs-grid");
        grid.setAriaLabel("Jobs");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(Job::id).setHeader("#").setKey("id").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Job::title).setHeader("Job").setKey("title").setAutoWidth(true);
        grid.addColumn(Job::kind).setHeader("Kind").setKey("kind").setAutoWidth(true);
        grid.addColumn(Job::actor).setHeader("User").setKey("user").setAutoWidth(true);
        grid.addComponentColumn(job -> JobBadges.badge(job.state())).setHeader("State").setKey("state").setAutoWidth(true);
        grid.addColumn(JobsView::progress).setHeader("Progress").setKey("progress").setAutoWidth(true);
        grid.addColumn(job -> Formats.timestamp(job.createdAt())).setHeader("Started (UTC)").setKey("created")
                .setAutoWidth(true);
        grid.addColumn(JobsView::took).setHeader("Took").setKey("took").setAutoWidth(true);
        grid.setEmptyStateText("No jobs yet. Creating a guest or running updates starts one.");
        grid.asSingleSelect().addValueChangeListener(e -> {
            if (e.isFromClient()) {
                choose(e.getValue() == null ? null : e.getValue().id());
            }
        });
        detail.setId("job-detail");
        detail.setWidthFull();
        add(filters, grid, detail);
        setFlexGrow(1, grid);
        LiveUpdates.follow(this, jobs::followAll, this::changed);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        reload();
        chosen = null;
        event.getLocation().getQueryParameters().getSingleParameter(JOB_PARAMETER)
                .filter(id -> id.matches("[0-9]{1,18}")).map(Long::valueOf).ifPresent(this::choose);
    }

    private void reload() {
        shown.clear();
        jobs.recent(500).forEach(job -> shown.put(job.id(), job));
        kind.setItems(shown.values().stream().map(Job::kind).distinct().sorted().toList());
        applyFilter();
    }

    /** A job changed or was submitted: show its new state; a job this user may not see stays out. */
    private void changed(JobEvent event) {
        Optional<Job> visible = jobs.find(event.jobId());
        if (visible.isEmpty()) {
            return;
        }
        Job fresh = visible.get();
        if (!shown.containsKey(fresh.id())) {
            Map<Long, Job> newestFirst = new LinkedHashMap<>();
            newestFirst.put(fresh.id(), fresh);
            newestFirst.putAll(shown);
            shown.clear();
            shown.putAll(newestFirst);
            if (kind.getListDataView().getItems().noneMatch(fresh.kind()::equals)) {
                String keep = kind.getValue();
                kind.setItems(shown.values().stream().map(Job::kind).distinct().sorted().toList());
                kind.setValue(keep);
            }
        } else {
            shown.put(fresh.id(), fresh);
        }
        applyFilter();
    }

    private void applyFilter() {
        String who = user.getValue().strip().toLowerCase(Locale.ROOT);
        List<Job> rows = new ArrayList<>();
        for (Job job : shown.values()) {
            if ((kind.getValue() == null || kind.getValue().equals(job.kind()))
                    && (state.getValue() == null || state.getValue() == job.state())
                    && (who.isEmpty() || job.actor().toLowerCase(Locale.ROOT).contains(who))) {
                rows.add(job);
            }
        }
        grid.setItems(rows);
        Optional<Job> selected = rows.stream().filter(j -> Objects.equals(j.id(), chosen)).findFirst();
        selected.ifPresent(grid::select);
    }

    /** Shows one job's progress, log and Cancel below the list, and keeps it in the address. */
    private void choose(@Nullable Long id) {
        chosen = id;
        detail.removeAll();
        getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null, "jobs"
                + (id == null ? "" : "?" + QueryParameters.of(JOB_PARAMETER, id.toString()).getQueryString())));
        if (id == null) {
            return;
        }
        Optional<Job> visible = jobs.find(id);
        if (visible.isEmpty()) {
            detail.add(new H3("No job " + id + " for you"));
            return;
        }
        Job job = visible.get();
        H3 title = new H3("#" + job.id() + " " + job.title());
        title.setId("job-detail-title");
        detail.add(title, new JobProgressPanel(jobs, job.id(), finished -> {
        }));
        shown.values().stream().filter(j -> j.id() == job.id()).findFirst().ifPresent(grid::select);
    }

    private static String progress(Job job) {
        return switch (job.state()) {
            case SUCCEEDED -> "100 %";
            case QUEUED -> "—";
            default -> job.progress() > 0 ? job.progress() + " %" : "—";
        };
    }

    private static String took(Job job) {
        if (job.startedAt() == null) {
            return "—";
        }
        java.time.Instant end = job.finishedAt() == null ? java.time.Instant.now() : job.finishedAt();
        return Formats.duration(Duration.between(job.startedAt(), end).toMillis())
                + (job.finishedAt() == null ? " so far" : "");
    }
}

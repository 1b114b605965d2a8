package org.vsconsole.jobs;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.shared.Registration;
import java.util.function.Consumer;
import org.vsconsole.base.Feedback;
import org.jspecify.annotations.Nullable;

/**
 * Follows one job live: state, progress bar and the log as it streams, pushed to the browser.
 * Listens only while attached, so a closed page stops receiving lines.
 */
public class JobProgressPanel extends VerticalLayout {

    private final JobService jobs;
    private final long jobId;
    private final ProgressBar bar = new ProgressBar(0, 100);
    private final Span state = new Span();
    private final Pre logArea = new Pre();
    private final StringBuilder logText = new StringBuilder();
    private final Button cancel;
    private final Consumer<Job> onFinished;
    private @Nullable Registration following;
    private boolean mayCancel;

    public JobProgressPanel(JobService jobs, long jobId, Consumer<Job> onFinished) {
        this.jobs = jobs;
        this.jobId = jobId;
        this.onFinished = onFinished;
        setPadding(false);
        setId("job-panel");
        bar.setId("job-progress");
        state.setId("job-state");
        logArea.setId("job-log");
        logArea.addClassName("console-output");
        cancel = new Button("Cancel", e -> confirmCancel());
        cancel.setId("job-cancel");
        cancel.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout header = new HorizontalLayout(state, cancel);
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        add(header, bar, logArea);
        setWidthFull();
    }

    /** Cancelling stops work half-way, so it is asked once more. */
    private void confirmCancel() {
        ConfirmDialog confirm = Feedback.confirmDestructive("Cancel this job?",
                "The job stops at its next step; its log shows what it had done by then.", "Cancel the job",
                () -> {
                    try {
                        jobs.cancel(jobId);
                    } catch (org.vsconsole.base.ActionRefusedException e) {
                        // past its point of no return (a move whose guest is stopped): it says why
                        Feedback.error(e.getMessage());
                    }
                });
        confirm.setId("job-cancel-confirm");
        confirm.setCancelText("Keep running");
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        following = jobs.follow(jobId, e -> ui.access(() -> apply(e)));
        // Catch up with what happened before we started listening.
        Job job = jobs.get(jobId);
        mayCancel = jobs.mayCancel(job);
        jobs.logOf(jobId).forEach(line -> logText.append(line).append('\n'));
        logArea.setText(logText.toString());
        show(job.state(), job.progress(), job.message());
        if (job.state().finished()) {
            onFinished.accept(job);
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (following != null) {
            following.remove();
            following = null;
        }
    }

    private void apply(JobEvent event) {
        if (event.line() != null) {
            logText.append(event.line()).append('\n');
            logArea.setText(logText.toString());
            logArea.getElement().executeJs("this.scrollTop = this.scrollHeight");
            return;
        }
        show(event.state(), event.progress(), event.message());
        if (event.state().finished()) {
            onFinished.accept(jobs.get(jobId));
        }
    }

    private void show(JobState jobState, int progress, @Nullable String message) {
        if (progress >= 0) {
            bar.setValue(progress);
        }
        bar.setIndeterminate(jobState == JobState.RUNNING && progress <= 0);
        state.setText(JobBadges.text(jobState, message));
        JobBadges.theme(state, jobState);
        cancel.setVisible(mayCancel && !jobState.finished());
        if (jobState.finished()) {
            bar.setIndeterminate(false);
        }
    }
}

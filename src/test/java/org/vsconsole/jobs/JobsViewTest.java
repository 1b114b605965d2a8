package org.vsconsole.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.select.Select;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.vsconsole.ConsoleViewTest;
import org.vsconsole.security.Role;
import org.vsconsole.security.TestAccounts;

/**
 * The Jobs page as its users check it: a running job shows up and follows its state without a
 * reload, opens by its address with its log, and is cancelled after a confirmation by who may;
 * an owner sees only their own jobs, an auditor sees all but cancels none.
 */
@ViewPackages(packages = {"org.vsconsole.jobs", "org.vsconsole.base"})
class JobsViewTest extends ConsoleViewTest {

    @Autowired
    JobService jobs;

    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseHeldJobs() {
        release.countDown();
    }

    @Test
    @WithMockUser(username = "jobs-admin", roles = "ADMIN")
    void anAdminFollowsAJobLiveOpensItByAddressAndCancelsItAfterAConfirmation() {
        Job job = jobs.submit("test.held", "held for the jobs page", "jv1", this::holdUntilCancelled);
        awaitState(job.id(), JobState.RUNNING);

        openJob(job.id());
        assertThat($(H3.class).id("job-detail-title").getText()).isEqualTo("#" + job.id() + " held for the jobs page");
        assertThat(stateOf(job.id())).isEqualTo("Running…");

        test($(Button.class).id("job-cancel")).click();
        test($(ConfirmDialog.class).id("job-cancel-confirm")).confirm();
        awaitState(job.id(), JobState.CANCELLED);
        await().atMost(Duration.ofSeconds(5)).pollInSameThread().untilAsserted(() -> {
            runPushes();
            assertThat(stateOf(job.id())).as("pushed, no reload").isEqualTo("Cancelled");
        });

        @SuppressWarnings("unchecked")
        Select<JobState> state = $(Select.class).id("jobs-state");
        state.setValue(JobState.SUCCEEDED);
        assertThat(rows()).extracting(Job::id).doesNotContain(job.id());
        state.setValue(JobState.CANCELLED);
        assertThat(rows()).extracting(Job::id).contains(job.id());
    }

    @Test
    @WithMockUser(username = "jobs-owner", roles = "OWNER")
    void anOwnerSeesOnlyTheirOwnJobs() {
        Job admins = TestAccounts.as("jobs-admin2", () -> jobs.submit("test.held", "an admin's job", "jv2", this::holdUntilCancelled),
                Role.ADMIN);
        Job own = jobs.submit("test.held", "the owner's job", "jv3", this::holdUntilCancelled);

        navigate(JobsView.class);
        assertThat(rows()).extracting(Job::id).contains(own.id()).doesNotContain(admins.id());
        openJob(admins.id());
        assertThat($(H3.class).first().getText()).isEqualTo("No job " + admins.id() + " for you");
    }

    @Test
    @WithMockUser(username = "jobs-auditor", roles = "AUDITOR")
    void anAuditorSeesEveryJobButNoCancel() {
        Job admins = TestAccounts.as("jobs-admin3", () -> jobs.submit("test.held", "another admin's job", "jv4", this::holdUntilCancelled),
                Role.ADMIN);
        awaitState(admins.id(), JobState.RUNNING);

        openJob(admins.id());
        assertThat(rows()).extracting(Job::id).contains(admins.id());
        assertThat($(Button.class).all()).extracting(b -> b.getId().orElse("")).doesNotContain("job-cancel");
    }

    /** As a link or a typed address would: {@code jobs?job=ID}. */
    private static void openJob(long id) {
        com.vaadin.flow.component.UI.getCurrent().navigate("jobs",
                com.vaadin.flow.router.QueryParameters.of(JobsView.JOB_PARAMETER, Long.toString(id)));
    }

    private void holdUntilCancelled(JobContext ctx) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!ctx.cancelled() && !release.await(20, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
            // held until the test ends or someone cancels it
        }
    }

    private void awaitState(long id, JobState expected) {
        await().atMost(Duration.ofSeconds(10)).until(
                () -> TestAccounts.as("jobs-admin", () -> jobs.get(id).state(), Role.ADMIN) == expected);
    }

    @SuppressWarnings("unchecked")
    private List<Job> rows() {
        Grid<Job> grid = $(Grid.class).id("jobs-grid");
        return grid.getListDataView().getItems().toList();
    }

    private String stateOf(long id) {
        @SuppressWarnings("unchecked")
        Grid<Job> grid = $(Grid.class).id("jobs-grid");
        List<Job> items = grid.getListDataView().getItems().toList();
        int row = items.indexOf(items.stream().filter(j -> j.id() == id).findFirst().orElseThrow());
        int column = grid.getColumns().indexOf(grid.getColumnByKey("state"));
        return test(grid).getCellComponent(row, column).getElement().getTextRecursively();
    }

    /** Runs the ui.access tasks the job events queued, as the push connection would. */
    private static void runPushes() {
        var session = com.vaadin.flow.server.VaadinSession.getCurrent();
        session.getService().runPendingAccessTasks(session);
        roundTrip();
    }
}

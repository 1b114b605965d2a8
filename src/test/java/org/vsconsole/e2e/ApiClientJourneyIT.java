package org.vsconsole.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vsconsole.client.ApiClient;
import org.vsconsole.client.ApiException;
import org.vsconsole.client.api.AccountApi;
import org.vsconsole.client.api.ApiTokensApi;
import org.vsconsole.client.api.AuditApi;
import org.vsconsole.client.api.GuestCreationApi;
import org.vsconsole.client.api.GuestsApi;
import org.vsconsole.client.api.JobsApi;
import org.vsconsole.client.api.LimitsApi;
import org.vsconsole.client.model.AuditEvent;
import org.vsconsole.client.model.BuildOptions;
import org.vsconsole.client.model.CreateGuestRequest;
import org.vsconsole.client.model.GuestRow;
import org.vsconsole.client.model.Job;
import org.vsconsole.client.model.LimitBody;
import org.vsconsole.client.model.LimitsJson;
import org.vsconsole.client.model.LimitsRequest;
import org.vsconsole.client.model.NewApiToken;
import org.vsconsole.client.model.NewToken;

/**
 * A script's journey through the API with the Java client generated from the checked-in API
 * description, against the production jar with the linux driver (root, as CI runs): make an API
 * token, and with it alone create a guest, start it, change its limits (If-Match with its ETag),
 * be refused with 412 for a stale ETag (nothing changes), stop and delete it, and read all of it
 * in the audit log. Every call goes through generated code, so a server that answers what its
 * description does not say fails here.
 */
class ApiClientJourneyIT {

    private static final String PASSWORD = "api-journey-admin-password-1";
    private static final String GUEST = "apic1";
    private static RunningConsole console;

    @RegisterExtension
    static final FailureEvidence DUMP_ON_FAILURE = new FailureEvidence("api-client-journey-failure", () -> null,
            () -> console);

    @BeforeAll
    static void start() {
        console = RunningConsole.start("--vsconsole.admin-password=" + PASSWORD,
                "--vsconsole.linux.cgroup-parent=vsc-api", "--vsconsole.linux.bridge=vsbrapi0",
                "--vsconsole.provisioning.address-pool=10.238.0.0/24");
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            try {
                new GuestsApi(client("Basic " + basic())).stopGuest(GUEST, null);
            } catch (ApiException e) {
                // not running or already deleted: nothing to clean up
            }
            console.close();
        }
    }

    private static String basic() {
        return Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static ApiClient client(String authorization) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(console.url("").replaceAll("/$", ""));
        client.setReadTimeout(Duration.ofSeconds(120));
        client.setRequestInterceptor(request -> request.header("Authorization", authorization));
        return client;
    }

    @Test
    void aTokenCreatesStartsLimitsStopsAndDeletesAGuestAndTheAuditShowsIt() throws Exception {
        ApiClient asAdmin = client("Basic " + basic());
        assertThat(new AccountApi(asAdmin).getMe().getUsername()).isEqualTo("admin");
        NewApiToken token = new ApiTokensApi(asAdmin).createToken(new NewToken().name("api journey").expiresInDays(1)
                .readOnly(false));
        assertThat(token.getToken()).isNotBlank();

        ApiClient script = client("Bearer " + token.getToken());
        GuestsApi guests = new GuestsApi(script);
        LimitsApi limits = new LimitsApi(script);

        Job created = new GuestCreationApi(script).createGuest(new CreateGuestRequest().name(GUEST).context("41238")
                .build(new BuildOptions().method("skeleton")).start(false));
        Job done = awaitJob(new JobsApi(script), created.getId());
        assertThat(done.getState()).as(done.getMessage()).isEqualTo(Job.StateEnum.SUCCEEDED);
        assertThat(guests.listGuests(0, 100)).extracting(GuestRow::getName).contains(GUEST);

        String etag = guests.getGuestWithHttpInfo(GUEST).getHeaders().get("etag").getFirst();
        GuestRow started = guests.startGuest(GUEST, etag);
        assertThat(started.getRunning()).isTrue();

        var read = limits.getLimitsWithHttpInfo(GUEST);
        String limitsEtag = read.getHeaders().get("etag").getFirst();
        assertThat(limitsEtag).isEqualTo("\"" + read.getData().getDigest() + "\"");
        LimitsJson changed = limits.setLimits(GUEST, new LimitsRequest()
                .limits(Map.of("nproc", new LimitBody().soft(100).hard(120))).live(true).persistent(true), limitsEtag);
        assertThat(changed.getLimits().get("nproc").getSavedSoft()).isEqualTo(100L);
        // A stock kernel's cgroup holds one process limit, the hard one: that is what applies live.
        assertThat(changed.getLimits().get("nproc").getHard()).as("applied live").isEqualTo(120L);

        // The ETag read before the change is stale now: refused, as a problem, and nothing changes.
        ApiException stale = catchThrowableOfType(ApiException.class, () -> limits.setLimits(GUEST, new LimitsRequest()
                .limits(Map.of("nproc", new LimitBody().soft(5).hard(6))).live(true).persistent(true), limitsEtag));
        assertThat(stale.getCode()).isEqualTo(412);
        assertThat(stale.getResponseHeaders().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(stale.getResponseBody()).contains("\"field\":\"If-Match\"").contains("\"error\":\"precondition-failed\"");
        LimitsJson after = limits.getLimits(GUEST);
        assertThat(after.getLimits().get("nproc").getSavedSoft()).isEqualTo(100L);
        assertThat(after.getLimits().get("nproc").getSavedHard()).isEqualTo(120L);
        assertThat(after.getLimits().get("nproc").getHard()).as("the stale write was not applied live (running=%s)",
                after.getRunning()).isNotEqualTo(6L);

        assertThat(guests.stopGuest(GUEST, null).getRunning()).isFalse();
        assertThat(guests.deleteGuest(GUEST, GUEST, null).getDeleted()).isEqualTo(GUEST);
        assertThat(guests.listGuests(0, 100)).extracting(GuestRow::getName).doesNotContain(GUEST);

        AuditApi audit = new AuditApi(script);
        List<AuditEvent> events = audit.searchAudit(null, null, GUEST, null, null, null, 0, 100, null).getEvents();
        assertThat(events).filteredOn(e -> e.getOutcome() == AuditEvent.OutcomeEnum.OK).extracting(AuditEvent::getAction)
                .contains("guest.create", "guest.start", "limits.set", "guest.stop", "guest.delete");
        List<String> steps = List.of("guest.create", "guest.start", "limits.set", "guest.stop", "guest.delete");
        assertThat(events).filteredOn(e -> steps.contains(e.getAction())).extracting(AuditEvent::getActor)
                .as("the token acts as its owner").containsOnly("admin");
        List<AuditEvent> refused = audit.searchAudit(null, "api.refused", null, "denied", null, null, 0, 100, null).getEvents();
        assertThat(refused).anySatisfy(e -> assertThat(e.getMessage()).startsWith("412 If-Match"));
        assertThat(audit.verifyAudit().getOk()).isTrue();
    }

    @Test
    void withoutAValidTokenTheClientGetsA401Problem() {
        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> new GuestsApi(client("Bearer not-a-token")).listGuests(0, 10));
        assertThat(refused.getCode()).isEqualTo(401);
        assertThat(refused.getResponseHeaders().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.getResponseBody()).contains("\"status\":401");
    }

    private static Job awaitJob(JobsApi jobs, long id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        Job job = jobs.getJob(id).getJob();
        while (System.nanoTime() < deadline && (job.getState() == Job.StateEnum.QUEUED
                || job.getState() == Job.StateEnum.RUNNING)) {
            Thread.sleep(500);
            job = jobs.getJob(id).getJob();
        }
        return job;
    }
}

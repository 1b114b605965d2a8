package org.vsconsole.guests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.vsconsole.guests.RoleActionMatrixTest.Who.ADMIN;
import static org.vsconsole.guests.RoleActionMatrixTest.Who.ANONYMOUS;
import static org.vsconsole.guests.RoleActionMatrixTest.Who.AUDITOR;
import static org.vsconsole.guests.RoleActionMatrixTest.Who.OPERATOR;
import static org.vsconsole.guests.RoleActionMatrixTest.Who.OTHER_OWNER;
import static org.vsconsole.guests.RoleActionMatrixTest.Who.OWNER;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.vsconsole.ConsoleSpringTest;
import org.vsconsole.jobs.Job;
import org.vsconsole.jobs.JobService;
import org.vsconsole.security.Role;
import org.vsconsole.security.UserAccountService;

/**
 * Who may call what, as one table ({@link #ACCESS}): every REST endpoint against every role,
 * the owner of the guest asked for and the owner of another guest, and no one signed in. Each
 * cell is its own test and fails when the answer differs from the table: "allowed" means the
 * call got past authorization (any answer but 401/403/the endpoint's hiding answer, and no 5xx);
 * "denied" means exactly that refusal. The requests are chosen so allowed calls change little
 * (a wrong confirmation, a stale digest, an invalid body): authorization must come before any of
 * that. A new endpoint without a row fails {@link #everyEndpointHasARow()}. Every error answer,
 * allowed or not, must be a problem ({@code application/problem+json}) carrying its status.
 */
class RoleActionMatrixTest extends GuestsTestBase {

    enum Who {
        ANONYMOUS, AUDITOR, OTHER_OWNER, OWNER, OPERATOR, ADMIN
    }

    static final String GUEST = "mx-own";
    static final String OTHER_GUEST = "mx-other";
    static final String PASSWORD = "Matrix-Passw0rd-long";
    static final String STALE = "0".repeat(64);

    static final Set<Who> SIGNED_IN = EnumSet.complementOf(EnumSet.of(ANONYMOUS));
    static final Set<Who> SEE_GUEST = EnumSet.of(ADMIN, OPERATOR, AUDITOR, OWNER);
    static final Set<Who> OPERATE_GUEST = EnumSet.of(ADMIN, OPERATOR, OWNER);
    static final Set<Who> STAFF = EnumSet.of(ADMIN, OPERATOR);
    static final Set<Who> READ_AUDIT = EnumSet.of(ADMIN, AUDITOR);
    static final Set<Who> SEE_HOSTS = EnumSet.of(ADMIN, OPERATOR, AUDITOR);

    /** One endpoint, the call made, who may make it, and how a refusal looks there. */
    record Row(HttpMethod method, String pattern, String path, String body, Set<Who> allowed, int deniedStatus) {

        Row(HttpMethod method, String pattern, String path, String body, Set<Who> allowed) {
            this(method, pattern, path, body, allowed, 403);
        }
    }

    /** The single table: {job} stands for a running job an ADMIN submitted. */
    static final List<Row> ACCESS = List.of(
            new Row(HttpMethod.GET, "/api/v1/me", "/api/v1/me", null, SIGNED_IN),
            new Row(HttpMethod.POST, "/api/v1/me/password", "/api/v1/me/password",
                    "{\"currentPassword\":\"not-it\",\"newPassword\":\"Another-Passw0rd-long\"}", SIGNED_IN),
            new Row(HttpMethod.GET, "/api/v1/me/tokens", "/api/v1/me/tokens", null, SIGNED_IN),
            new Row(HttpMethod.POST, "/api/v1/me/tokens", "/api/v1/me/tokens", "{\"name\":\"\",\"expiresInDays\":1}",
                    SIGNED_IN),
            new Row(HttpMethod.DELETE, "/api/v1/me/tokens/{id}", "/api/v1/me/tokens/999999999", null, SIGNED_IN),
            new Row(HttpMethod.GET, "/api/v1/audit", "/api/v1/audit?limit=1", null, READ_AUDIT),
            new Row(HttpMethod.GET, "/api/v1/audit/verify", "/api/v1/audit/verify", null, READ_AUDIT),
            new Row(HttpMethod.POST, "/api/v1/audit/reanchor", "/api/v1/audit/reanchor", "{\"reason\":\"matrix\"}",
                    EnumSet.of(ADMIN)),
            new Row(HttpMethod.GET, "/api/v1/guests", "/api/v1/guests", null, SIGNED_IN),
            new Row(HttpMethod.GET, "/api/v1/guests/{name}", "/api/v1/guests/" + GUEST, null, SEE_GUEST),
            new Row(HttpMethod.GET, "/api/v1/guests/{name}/state", "/api/v1/guests/" + GUEST + "/state", null, SEE_GUEST),
            new Row(HttpMethod.GET, "/api/v1/guests/{name}/context", "/api/v1/guests/" + GUEST + "/context", null, SEE_GUEST),
            new Row(HttpMethod.POST, "/api/v1/guests", "/api/v1/guests", "{\"name\":\"not a name!\"}", STAFF),
            new Row(HttpMethod.POST, "/api/v1/guests/{name}/start", "/api/v1/guests/" + GUEST + "/start", null, OPERATE_GUEST),
            new Row(HttpMethod.POST, "/api/v1/guests/{name}/stop", "/api/v1/guests/" + GUEST + "/stop", null, OPERATE_GUEST),
            new Row(HttpMethod.POST, "/api/v1/guests/{name}/restart", "/api/v1/guests/" + GUEST + "/restart", null,
                    OPERATE_GUEST),
            new Row(HttpMethod.DELETE, "/api/v1/guests/{name}", "/api/v1/guests/" + GUEST + "?confirm=wrong", null, STAFF),
            new Row(HttpMethod.PUT, "/api/v1/guests/{name}/hostname", "/api/v1/guests/" + GUEST + "/hostname",
                    "{\"hostname\":\"mx\",\"digest\":\"" + STALE + "\"}", STAFF),
            new Row(HttpMethod.PUT, "/api/v1/guests/{name}/context", "/api/v1/guests/" + GUEST + "/context",
                    "{\"context\":\"4999\",\"digest\":\"" + STALE + "\"}", STAFF),
            new Row(HttpMethod.PUT, "/api/v1/guests/{name}/interfaces/{id}", "/api/v1/guests/" + GUEST + "/interfaces/0",
                    "{\"ip\":\"10.77.0.99\",\"prefix\":\"24\",\"digest\":\"" + STALE + "\"}", STAFF),
            new Row(HttpMethod.POST, "/api/v1/guests/{name}/interfaces", "/api/v1/guests/" + GUEST + "/interfaces",
                    "{\"ip\":\"10.77.0.98\",\"prefix\":\"24\",\"digest\":\"" + STALE + "\"}", STAFF),
            new Row(HttpMethod.DELETE, "/api/v1/guests/{name}/interfaces/{id}",
                    "/api/v1/guests/" + GUEST + "/interfaces/0?digest=" + STALE, null, STAFF),
            new Row(HttpMethod.GET, "/api/v1/guests/{name}/capabilities", "/api/v1/guests/" + GUEST + "/capabilities", null,
                    SEE_GUEST),
            new Row(HttpMethod.PUT, "/api/v1/guests/{name}/capabilities", "/api/v1/guests/" + GUEST + "/capabilities",
                    "{\"system\":[\"CHOWN\"],\"digest\":\"" + STALE + "\"}", STAFF),
            new Row(HttpMethod.GET, "/api/v1/guests/{name}/personality", "/api/v1/guests/" + GUEST + "/personality", null,
                    SEE_GUEST),
            new Row(HttpMethod.PUT, "/api/v1/guests/{name}/personality", "/api/v1/guests/" + GUEST + "/personality",
                    "{\"type\":\"LINUX32\",\"digest\":\"" + STALE + "\"}", STAFF),
            new Row(HttpMethod.GET, "/api/v1/guests/{name}/processes", "/api/v1/guests/" + GUEST + "/processes", null,
                    SEE_GUEST),
            new Row(HttpMethod.POST, "/api/v1/guests/{name}/processes/signal",
                    "/api/v1/guests/" + GUEST + "/processes/signal", "{\"signal\":\"BOGUS\"}", OPERATE_GUEST),
            new Row(HttpMethod.POST, "/api/v1/guests/{name}/processes/{pid}/signal",
                    "/api/v1/guests/" + GUEST + "/processes/1/signal", "{\"signal\":\"BOGUS\"}", OPERATE_GUEST),
            new Row(HttpMethod.POST, "/api/v1/guests/{name}/exec", "/api/v1/guests/" + GUEST + "/exec", "{\"command\":[]}",
                    STAFF),
            new Row(HttpMethod.GET, "/api/v1/guests/{name}/limits", "/api/v1/guests/" + GUEST + "/limits", null, SEE_GUEST),
            new Row(HttpMethod.PUT, "/api/v1/guests/{name}/limits", "/api/v1/guests/" + GUEST + "/limits",
                    "{\"limits\":{\"nproc\":{\"soft\":100,\"hard\":120}},\"live\":false,\"persistent\":true,\"digest\":\""
                            + STALE + "\"}",
                    STAFF),
            new Row(HttpMethod.PUT, "/api/v1/guests/{name}/tmp", "/api/v1/guests/" + GUEST + "/tmp",
                    "{\"size\":\"32m\",\"live\":false,\"persistent\":true,\"digest\":\"" + STALE + "\"}", STAFF),
            new Row(HttpMethod.GET, "/api/v1/guests/{name}/disk-usage", "/api/v1/guests/" + GUEST + "/disk-usage", null,
                    SEE_GUEST),
            new Row(HttpMethod.PUT, "/api/v1/guests/{name}/dlimits/{id}", "/api/v1/guests/" + GUEST + "/dlimits/0",
                    "{\"directory\":\"/nowhere\",\"spaceTotalKiB\":\"1000\",\"inodesTotal\":\"100\",\"digest\":\"" + STALE
                            + "\"}",
                    STAFF),
            new Row(HttpMethod.DELETE, "/api/v1/guests/{name}/dlimits/{id}",
                    "/api/v1/guests/" + GUEST + "/dlimits/0?digest=" + STALE, null, STAFF),
            new Row(HttpMethod.GET, "/api/v1/limit-presets", "/api/v1/limit-presets", null, SIGNED_IN),
            new Row(HttpMethod.POST, "/api/v1/limit-presets/{preset}/apply", "/api/v1/limit-presets/no-such-preset/apply",
                    "{\"guests\":[\"" + GUEST + "\"]}", STAFF),
            new Row(HttpMethod.GET, "/api/v1/jobs", "/api/v1/jobs?limit=5", null, SIGNED_IN),
            new Row(HttpMethod.GET, "/api/v1/jobs/{id}", "/api/v1/jobs/{job}", null, EnumSet.of(ADMIN, OPERATOR, AUDITOR)),
            new Row(HttpMethod.POST, "/api/v1/jobs/{id}/cancel", "/api/v1/jobs/{job}/cancel", null, STAFF),
            new Row(HttpMethod.GET, "/api/v1/stat", "/api/v1/stat", null, SIGNED_IN),
            // An owner learns nothing of other guests: the answer for a guest that does not exist.
            new Row(HttpMethod.GET, "/api/v1/guests/{name}/history", "/api/v1/guests/" + GUEST + "/history", null,
                    SEE_GUEST, 404),
            new Row(HttpMethod.GET, "/api/v1/sync/guests/{name}", "/api/v1/sync/guests/" + GUEST, null, SEE_GUEST, 400),
            new Row(HttpMethod.POST, "/api/v1/sync/guests/{name}/accept", "/api/v1/sync/guests/" + GUEST + "/accept?digest="
                    + STALE, null, STAFF),
            new Row(HttpMethod.POST, "/api/v1/sync/guests/{name}/restore", "/api/v1/sync/guests/" + GUEST
                    + "/restore?digest=" + STALE, null, STAFF),
            new Row(HttpMethod.POST, "/api/v1/sync/guests/{name}/adopt", "/api/v1/sync/guests/" + GUEST + "/adopt", null,
                    STAFF),
            // an unknown action: allowed callers get 400, after the guest's ownership was checked
            new Row(HttpMethod.POST, "/api/v1/updates", "/api/v1/updates",
                    "{\"guests\":[\"" + GUEST + "\"],\"action\":\"not-an-action\"}", OPERATE_GUEST),
            new Row(HttpMethod.POST, "/api/v1/updates/{jobId}/retry", "/api/v1/updates/{job}/retry", null, STAFF),
            new Row(HttpMethod.GET, "/api/v1/updates/pending", "/api/v1/updates/pending", null, SIGNED_IN),
            new Row(HttpMethod.GET, "/api/v1/hosts", "/api/v1/hosts", null, SEE_HOSTS),
            new Row(HttpMethod.GET, "/api/v1/hosts/{host}", "/api/v1/hosts/local", null, SEE_HOSTS),
            // an owner sees the guests they own there; a user owning none gets an empty list
            new Row(HttpMethod.GET, "/api/v1/hosts/{host}/guests", "/api/v1/hosts/local/guests", null, SIGNED_IN),
            // OWNER owns GUEST on the host no-such-host (gone since): allowed callers get 400, after ownership was checked
            new Row(HttpMethod.POST, "/api/v1/hosts/{host}/guests/{name}/start", "/api/v1/hosts/no-such-host/guests/"
                    + GUEST + "/start", null, OPERATE_GUEST),
            new Row(HttpMethod.POST, "/api/v1/hosts/{host}/guests/{name}/stop", "/api/v1/hosts/no-such-host/guests/"
                    + GUEST + "/stop", null, OPERATE_GUEST),
            new Row(HttpMethod.POST, "/api/v1/hosts/{host}/guests", "/api/v1/hosts/no-such-host/guests",
                    "{\"name\":\"not a name!\"}", STAFF),
            new Row(HttpMethod.PUT, "/api/v1/hosts/{host}/guests/{name}/limits/{limit}", "/api/v1/hosts/no-such-host/guests/"
                    + GUEST + "/limits/nproc", "{\"soft\":1,\"hard\":2}", STAFF),
            new Row(HttpMethod.DELETE, "/api/v1/hosts/{host}/guests/{name}", "/api/v1/hosts/no-such-host/guests/" + GUEST
                    + "?confirm=x", null, STAFF),
            new Row(HttpMethod.GET, "/api/v1/hosts/{host}/guests/{name}/settings", "/api/v1/hosts/no-such-host/guests/" + GUEST
                    + "/settings", null, SEE_GUEST),
            new Row(HttpMethod.PUT, "/api/v1/hosts/{host}/guests/{name}/hostname", "/api/v1/hosts/no-such-host/guests/" + GUEST
                    + "/hostname", "{\"hostname\":\"x\",\"digest\":\"" + STALE + "\"}", STAFF),
            new Row(HttpMethod.PUT, "/api/v1/hosts/{host}/guests/{name}/interfaces/{id}", "/api/v1/hosts/no-such-host/guests/"
                    + GUEST + "/interfaces/0", "{\"ip\":\"10.0.0.1\",\"prefix\":\"24\",\"digest\":\"" + STALE + "\"}", STAFF),
            new Row(HttpMethod.POST, "/api/v1/hosts/{host}/guests/{name}/interfaces", "/api/v1/hosts/no-such-host/guests/"
                    + GUEST + "/interfaces", "{\"ip\":\"10.0.0.1\",\"prefix\":\"24\",\"digest\":\"" + STALE + "\"}", STAFF),
            new Row(HttpMethod.POST, "/api/v1/hosts/{host}/guests/{name}/migrate/preflight", "/api/v1/hosts/local/guests/" + GUEST
                    + "/migrate/preflight", "{\"targetHost\":\"no-such-host\"}", STAFF),
            new Row(HttpMethod.POST, "/api/v1/hosts/{host}/guests/{name}/migrate", "/api/v1/hosts/local/guests/" + GUEST
                    + "/migrate", "{\"targetHost\":\"no-such-host\"}", STAFF),
            new Row(HttpMethod.POST, "/api/v1/hosts", "/api/v1/hosts", "{\"name\":\"not a name!\"}", EnumSet.of(ADMIN)),
            new Row(HttpMethod.POST, "/api/v1/hosts/probe", "/api/v1/hosts/probe", "{\"address\":\"not an address!\"}",
                    EnumSet.of(ADMIN)),
            new Row(HttpMethod.GET, "/api/v1/hosts/console-key", "/api/v1/hosts/console-key", null, EnumSet.of(ADMIN)),
            new Row(HttpMethod.DELETE, "/api/v1/hosts/{host}", "/api/v1/hosts/no-such-host?confirm=x", null, EnumSet.of(ADMIN)),
            new Row(HttpMethod.GET, "/api/v1/terminal-sessions", "/api/v1/terminal-sessions", null, READ_AUDIT),
            new Row(HttpMethod.GET, "/api/v1/terminal-sessions/{id}/cast", "/api/v1/terminal-sessions/no-such-session/cast",
                    null, READ_AUDIT));

    private static boolean prepared;
    private static long heldJob;
    private static final CountDownLatch JOB_RELEASE = new CountDownLatch(1);

    @Autowired
    WebApplicationContext context;

    @Autowired
    UserAccountService accounts;

    @Autowired
    JobService jobs;

    @Autowired
    RequestMappingHandlerMapping mappings;

    @TestFactory
    Stream<DynamicTest> everyRoleAgainstEveryEndpoint() {
        prepare();
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        List<DynamicTest> cells = new ArrayList<>();
        for (Row row : ACCESS) {
            for (Who who : Who.values()) {
                boolean allowed = row.allowed().contains(who);
                cells.add(DynamicTest.dynamicTest(row.method() + " " + row.pattern() + " as " + who + " → "
                        + (allowed ? "allowed" : "denied"), () -> {
                            var response = call(mvc, row, who);
                            int status = response.getStatus();
                            if (status >= 400) {
                                assertThat(response.getContentType()).as("every error is a problem (RFC 9457): "
                                        + response.getContentAsString()).startsWith("application/problem+json");
                                assertThat(response.getContentAsString()).contains("\"status\":" + status);
                            }
                            if (allowed) {
                                assertThat(status).as("an allowed call passes authorization and does not fail")
                                        .isNotIn(401, 403, row.deniedStatus()).isLessThan(500);
                            } else {
                                assertThat(status).as("a refused call").isEqualTo(who == ANONYMOUS ? 401 : row.deniedStatus());
                            }
                        }));
            }
        }
        return cells.stream();
    }

    @Test
    void everyEndpointHasARow() {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/api/")) {
                    info.getMethodsCondition().getMethods().forEach(m -> endpoints.add(m.name() + " " + pattern));
                }
            }
        }
        Set<String> inTable = new TreeSet<>();
        ACCESS.forEach(r -> inTable.add(r.method().name() + " " + r.pattern()));
        assertThat(inTable).as("the access table lists exactly the REST endpoints").isEqualTo(endpoints);
    }

    private org.springframework.mock.web.MockHttpServletResponse call(MockMvc mvc, Row row, Who who) throws Exception {
        String path = row.path().replace("{job}", Long.toString(heldJob));
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(row.method(), path);
        if (row.body() != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(row.body());
        }
        if (who != ANONYMOUS) {
            request.with(httpBasic(username(who), who == ADMIN ? ConsoleSpringTest.ADMIN_PASSWORD : PASSWORD));
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private static String username(Who who) {
        return who == ADMIN ? "admin" : "mx-" + who.name().toLowerCase().replace('_', '-');
    }

    private void prepare() {
        if (prepared) {
            return;
        }
        guest(GUEST, 4621, "10.71.2.1");
        guest(OTHER_GUEST, 4622, "10.71.2.2");
        sampler.sample();
        var previous = SecurityContextHolder.getContext();
        try {
            var admin = SecurityContextHolder.createEmptyContext();
            admin.setAuthentication(new UsernamePasswordAuthenticationToken("admin", null,
                    AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
            SecurityContextHolder.setContext(admin);
            account(OPERATOR, Role.OPERATOR, Set.of());
            account(AUDITOR, Role.AUDITOR, Set.of());
            account(OWNER, Role.OWNER, Set.of(GUEST, "no-such-host/" + GUEST));
            account(OTHER_OWNER, Role.OWNER, Set.of(OTHER_GUEST));
            Job job = jobs.submit("test", "held for the matrix", GUEST, ctx -> {
                while (!ctx.cancelled() && !JOB_RELEASE.await(20, TimeUnit.MILLISECONDS)) {
                    // held until cancelled
                }
            });
            heldJob = job.id();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
        prepared = true;
    }

    private void account(Who who, Role role, Set<String> guests) {
        accounts.create(username(who), PASSWORD, EnumSet.of(role), guests);
        // Accounts an admin makes must change their password first; not what this test is about.
        jdbc.sql("UPDATE app_user SET must_change_password = FALSE WHERE username = ?").param(username(who)).update();
    }
}

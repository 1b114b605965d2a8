package org.vsconsole.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST API as a journey's script calls it: HTTP Basic as {@code admin}, JSON in, the raw
 * answer out. The console is asked for each call, as a journey may restart it.
 */
final class AdminApi {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Supplier<RunningConsole> console;
    private final String password;

    AdminApi(Supplier<RunningConsole> console, String password) {
        this.console = console;
        this.password = password;
    }

    HttpResponse<String> call(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(console.get().url(path)))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a request that answers 202 with a job ({@code api/v1/guests}, {@code api/v1/updates}); returns its id. */
    String submit(String path, String json) throws Exception {
        HttpResponse<String> submitted = call("POST", path, json);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        return field(submitted.body(), "\"id\":(\\d+)");
    }

    /** Waits for the job to end and returns its state and log; fails when it ends in another state. */
    String awaitJob(String job, Duration timeout, String expected) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String body = "";
        String state = "";
        while (System.nanoTime() < deadline) {
            body = call("GET", "api/v1/jobs/" + job, null).body();
            state = field(body, "\"state\":\"(\\w+)\"");
            if (!state.equals("queued") && !state.equals("running")) {
                break;
            }
            Thread.sleep(500); // each call is HTTP Basic: a bcrypt check on the console
        }
        assertThat(state).as(body).isEqualTo(expected);
        return body;
    }

    /** The first group of {@code regex} in {@code body}; fails the test, showing the body, when absent. */
    static String field(String body, String regex) {
        Matcher m = Pattern.compile(regex).matcher(body);
        assertThat(m.find()).as(regex + " in " + body).isTrue();
        return m.group(1);
    }
}

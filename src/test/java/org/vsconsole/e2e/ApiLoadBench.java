package org.vsconsole.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints figures only (no assertions), on loopback against the production jar (read-only driver):
 * API throughput with 50 clients using an API token and, for comparison, HTTP Basic; then the
 * latency of an admin's calls while 50 anonymous clients flood the API with made-up names, and
 * the audit rows that flood left. Run: {@code ./mvnw -Pbench test -Dtest=ApiLoadBench} after
 * {@code package}, or {@code main}.
 */
@EnabledIfSystemProperty(named = "vsconsole.bench", matches = "true")
public class ApiLoadBench {

    private static final String ADMIN_PASSWORD = "Bench-Admin-Passw0rd-x";
    private static final int CLIENTS = 50;
    private static final Duration RUN = Duration.ofSeconds(10);
    /** The throughput goal, offered as a steady rate rather than as fast as the clients can go. */
    private static final int PACED_RATE = 500;

    @Test
    void bench() throws Exception {
        main(new String[0]);
    }

    public static void main(String[] args) throws Exception {
        try (RunningConsole console = RunningConsole.start("--vsconsole.admin-password=" + ADMIN_PASSWORD,
                "--vsconsole.host.driver=read-only", "--logging.level.org.vsconsole=WARN")) {
            String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
            HttpClient setup = HttpClient.newHttpClient();
            String made = setup.send(HttpRequest.newBuilder(URI.create(console.url("api/v1/me/tokens")))
                    .header("Authorization", basic).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\",\"expiresInDays\":1,\"readOnly\":true}"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(made);
            if (!m.find()) {
                throw new IllegalStateException("no token in " + made);
            }
            String bearer = "Bearer " + m.group(1);
            URI stat = URI.create(console.url("api/v1/stat"));
            URI me = URI.create(console.url("api/v1/me"));

            run("warm-up", CLIENTS, Duration.ofSeconds(3), stat, () -> bearer);
            Result single = run("token, 1 client", 1, Duration.ofSeconds(5), stat, () -> bearer);
            Result token = run("token", CLIENTS, RUN, stat, () -> bearer);
            Result paced = paced(CLIENTS, PACED_RATE, RUN, stat, bearer);
            Result passwords = run("basic", CLIENTS, RUN, stat, () -> basic);
            Result idle = run("admin idle", 1, Duration.ofSeconds(5), me, () -> bearer);
            long auditBefore = auditTotal(setup, console, bearer);

            AtomicBoolean flooding = new AtomicBoolean(true);
            AtomicLong floodCalls = new AtomicLong();
            List<Thread> flood = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                int client = i;
                flood.add(Thread.ofPlatform().start(() -> {
                    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    long n = 0;
                    while (flooding.get()) {
                        String made2 = "Basic " + Base64.getEncoder().encodeToString(("nobody-" + client + "-" + n++ + ":guess")
                                .getBytes(StandardCharsets.UTF_8));
                        try {
                            http.send(HttpRequest.newBuilder(me).header("Authorization", made2).build(),
                                    HttpResponse.BodyHandlers.discarding());
                            floodCalls.incrementAndGet();
                        } catch (Exception e) {
                            // keep flooding
                        }
                    }
                }));
            }
            Thread.sleep(1000);
            Result adminToken = run("admin token during flood", 1, RUN, me, () -> bearer);
            Result adminBasic = run("admin basic during flood", 1, Duration.ofSeconds(5), me, () -> basic);
            flooding.set(false);
            for (Thread t : flood) {
                t.join();
            }
            long floodSeconds = RUN.toSeconds() + 6;
            long auditAfter = auditTotal(setup, console, bearer);

            System.out.println();
            System.out.println("== ApiLoadBench (loopback, production jar, read-only driver, " + Runtime.getRuntime().availableProcessors()
                    + " CPUs) ==");
            System.out.println(single.line("GET /api/v1/stat, 1 client, API token"));
            System.out.println(token.line("GET /api/v1/stat, " + CLIENTS + " clients, API token"));
            // Little's law: with every client always waiting, mean latency = clients / throughput
            System.out.printf("Little's law at %d clients: mean latency = %d / %.0f req/s = %.1f ms (p50 <= 5 ms would need >= %d req/s)%n",
                    CLIENTS, CLIENTS, token.calls() / (token.run().toMillis() / 1000.0),
                    CLIENTS * 1000.0 / (token.calls() / (token.run().toMillis() / 1000.0)), CLIENTS * 1000 / 5);
            System.out.println(paced.line("GET /api/v1/stat, " + CLIENTS + " clients offering " + PACED_RATE
                    + " req/s in all, API token"));
            System.out.println(passwords.line("GET /api/v1/stat, " + CLIENTS + " clients, HTTP Basic (bcrypt per call)"));
            System.out.println(idle.line("GET /api/v1/me, admin alone (token)"));
            System.out.println(adminToken.line("GET /api/v1/me, admin (token) during anonymous flood"));
            System.out.println(adminBasic.line("GET /api/v1/me, admin (Basic, known address) during anonymous flood"));
            System.out.printf("anonymous flood: %d calls with made-up names in ~%d s (%.0f/s); audit rows added: %d%n",
                    floodCalls.get(), floodSeconds, floodCalls.get() / (double) floodSeconds, auditAfter - auditBefore);
        }
    }

    record Result(long calls, long errors, Duration run, List<Long> micros) {

        String line(String what) {
            List<Long> sorted = new ArrayList<>(micros);
            Collections.sort(sorted);
            long p50 = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
            long p99 = sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99)));
            return String.format("%-70s %8.0f req/s  p50 %6.1f ms  p99 %6.1f ms  (%d calls, %d not 200)", what,
                    calls / (run.toMillis() / 1000.0), p50 / 1000.0, p99 / 1000.0, calls, errors);
        }
    }

    private static Result run(String name, int clients, Duration run, URI uri, Supplier<String> auth) throws InterruptedException {
        AtomicLong calls = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + run.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", auth.get()).build();
                while (System.nanoTime() < end) {
                    long started = System.nanoTime();
                    call(http, request, errors);
                    micros.add((System.nanoTime() - started) / 1000);
                    calls.incrementAndGet();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return new Result(calls.get(), errors.get(), run, micros);
    }

    /**
     * {@code clients} clients that together send {@code rate} calls a second on a fixed schedule
     * (each every {@code clients / rate} s, staggered). Latency counts from the call's scheduled
     * moment, so a console that falls behind shows it (no coordinated omission).
     */
    private static Result paced(int clients, int rate, Duration run, URI uri, String auth) throws InterruptedException {
        AtomicLong calls = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        long interval = 1_000_000_000L * clients / rate;
        CountDownLatch connected = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong start = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int client = i;
            threads.add(Thread.ofPlatform().start(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", auth).build();
                // one call before the schedule opens the connection, as a script's first call does: the
                // figures are of the calls that follow (50 connects would otherwise be the slowest 1 %)
                call(http, request, errors);
                connected.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long end = start.get() + run.toNanos();
                for (long due = start.get() + interval * client / clients; due < end; due += interval) {
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    call(http, request, errors);
                    micros.add((System.nanoTime() - due) / 1000);
                    calls.incrementAndGet();
                }
            }));
        }
        connected.await();
        start.set(System.nanoTime() + 100_000_000L);
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        long end = start.get() + run.toNanos();
        return new Result(calls.get(), errors.get(), Duration.ofNanos(Math.max(end, System.nanoTime()) - start.get()), micros);
    }

    /** One call; anything but a 200 (or no answer) counts as an error. */
    private static void call(HttpClient http, HttpRequest request, AtomicLong errors) {
        try {
            if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                errors.incrementAndGet();
            }
        } catch (Exception e) {
            errors.incrementAndGet();
        }
    }

    private static long auditTotal(HttpClient http, RunningConsole console, String bearer) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(console.url("api/v1/audit?limit=1")))
                .header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"total\"\\s*:\\s*(\\d+)").matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}

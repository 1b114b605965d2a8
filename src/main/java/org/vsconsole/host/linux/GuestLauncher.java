package org.vsconsole.host.linux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostOperationException;

/**
 * Starts a guest's init through {@code vsc-launch start}: the helper creates the namespaces and a
 * child that joins the context's cgroups before anything else, reports that child's host pid and
 * holds it until told "go". In between, {@code prepare} sets up what must exist before init
 * runs (network, rlimits). The helper then stays as the init's parent (a child of the console),
 * so an exited init is always reaped.
 */
final class GuestLauncher {

    private static final String INIT = "/sbin/init";

    private final Path launcher;
    private final Duration timeout;

    GuestLauncher(Path launcher, Duration timeout) {
        this.launcher = launcher;
        this.timeout = timeout;
    }

    /** Returns the host pid of the guest's init. */
    int start(GuestSpec guest, List<Path> procsFiles, IntConsumer prepare) {
        List<String> argv = new ArrayList<>(List.of(launcher.toString(), "start"));
        for (Path procs : procsFiles) {
            argv.addAll(List.of("--procs", procs.toString()));
        }
        argv.addAll(List.of("--root", guest.rootDir().toString(), "--hostname", guest.nodename()));
        if (guest.domainname() != null) {
            argv.addAll(List.of("--domainname", guest.domainname()));
        }
        if (guest.tmpSize() != null) {
            argv.addAll(List.of("--tmp-size", guest.tmpSize()));
        }
        argv.addAll(List.of("--", INIT));

        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().clear();
        builder.environment().putAll(CommandRunner.GUEST_ENV);
        Process helper;
        try {
            helper = builder.start();
        } catch (IOException e) {
            throw fail(guest, "cannot run " + launcher + ": " + e.getMessage());
        }
        CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> readAll(helper),
                Thread.ofVirtual()::start);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(helper.getInputStream(), StandardCharsets.UTF_8));
                OutputStream in = helper.getOutputStream()) {
            String first = readLine(out);
            if (first == null || !first.startsWith("pid ")) {
                throw fail(guest, failure(helper, errors));
            }
            int pid = Integer.parseInt(first.substring(4).trim());
            try {
                prepare.accept(pid);
            } catch (RuntimeException e) {
                in.close(); // EOF instead of "go": the helper kills the held child
                helper.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                throw e;
            }
            in.write("go\n".getBytes(StandardCharsets.US_ASCII));
            in.flush();
            String second = readLine(out);
            if (!"started".equals(second)) {
                throw fail(guest, failure(helper, errors));
            }
            return pid;
        } catch (IOException | TimeoutException | ExecutionException e) {
            CommandRunner.killGroup(helper);
            throw fail(guest, "the guest's init did not start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CommandRunner.killGroup(helper);
            throw fail(guest, "interrupted while starting");
        }
    }

    private String readLine(BufferedReader out) throws InterruptedException, ExecutionException, TimeoutException {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }, Thread.ofVirtual()::start).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private String failure(Process helper, CompletableFuture<String> errors)
            throws InterruptedException, ExecutionException, TimeoutException {
        helper.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        String message = errors.get(timeout.toMillis(), TimeUnit.MILLISECONDS).strip();
        return message.isEmpty() ? "the guest's init did not start" : message;
    }

    private static String readAll(Process helper) {
        try {
            return new String(helper.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static HostOperationException fail(GuestSpec guest, String message) {
        return new HostOperationException("start", guest.name(), message);
    }
}

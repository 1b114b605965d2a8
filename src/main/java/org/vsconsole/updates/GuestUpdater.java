package org.vsconsole.updates;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.vsconsole.host.ExecResult;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostDriver;
import org.vsconsole.jobs.JobState;
import org.jspecify.annotations.Nullable;

/**
 * Runs one guest's part of an update: refreshes apt's lists, then the action (or its dry run),
 * and tells what happened in one line. A guest without apt is "no apt", not a failure; a stopped
 * guest is skipped or started for the update and stopped again, as the plan says.
 */
final class GuestUpdater {

    /** One guest's result, as its job item shows it. */
    record Result(JobState state, String message, @Nullable AptSimulation simulation) {
    }

    private static final Duration APT_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int TAIL = 3;

    private final HostDriver driver;

    GuestUpdater(HostDriver driver) {
        this.driver = driver;
    }

    Result run(GuestSpec guest, UpdatePlan plan, Consumer<String> log) {
        boolean startedHere = false;
        if (!driver.isRunning(guest)) {
            if (!plan.startStopped()) {
                return new Result(JobState.SKIPPED, "stopped; skipped (choose \"start stopped guests\" to include it)", null);
            }
            log.accept("starting it for the update");
            driver.start(guest);
            startedHere = true;
        }
        try {
            return inRunningGuest(guest, plan, log);
        } finally {
            if (startedHere) {
                log.accept("stopping it again");
                driver.stop(guest, STOP_TIMEOUT);
            }
        }
    }

    private Result inRunningGuest(GuestSpec guest, UpdatePlan plan, Consumer<String> log) {
        if (driver.exec(guest, AptCommands.probe(), line -> {
        }, PROBE_TIMEOUT).exitCode() != 0) {
            return new Result(JobState.SKIPPED, "no apt: not a Debian-based guest", null);
        }
        List<String> output = new ArrayList<>();
        ExecResult lists = driver.exec(guest, AptCommands.update(), tee(log, output), APT_TIMEOUT);
        if (lists.exitCode() != 0 || lists.timedOut()) {
            return failed("apt-get update", lists, output);
        }
        if (plan.action() == UpdateAction.UPDATE) {
            return new Result(JobState.SUCCEEDED, "package lists updated", null);
        }
        output.clear();
        ExecResult result = driver.exec(guest, AptCommands.action(plan.action(), plan.packages(), plan.dryRun()),
                tee(log, output), APT_TIMEOUT);
        if (result.exitCode() != 0 || result.timedOut()) {
            return failed("apt-get " + plan.action().command(), result, output);
        }
        if (plan.dryRun()) {
            AptSimulation simulation = AptSimulation.parse(output);
            return new Result(JobState.SUCCEEDED, simulation.summary(), pendingFrom(plan.action(), simulation));
        }
        return new Result(JobState.SUCCEEDED, done(output), pending(guest));
    }

    /** A dry run of a whole-system upgrade is also the guest's pending count; one of install or remove is not. */
    private static @Nullable AptSimulation pendingFrom(UpdateAction action, AptSimulation simulation) {
        return action == UpdateAction.DIST_UPGRADE || action == UpdateAction.UPGRADE ? simulation : null;
    }

    /** What is still pending after a real run (the lists are fresh, so this is quick). */
    @Nullable
    AptSimulation pending(GuestSpec guest) {
        List<String> output = new ArrayList<>();
        ExecResult result = driver.exec(guest, AptCommands.action(UpdateAction.DIST_UPGRADE, List.of(), true),
                output::add, APT_TIMEOUT);
        return result.exitCode() == 0 && !result.timedOut() ? AptSimulation.parse(output) : null;
    }

    private static Result failed(String what, ExecResult result, List<String> output) {
        String why = result.timedOut()
                ? "did not finish within " + APT_TIMEOUT.toMinutes() + " min"
                : "failed with exit " + result.exitCode();
        return new Result(JobState.FAILED, what + " " + why + ": " + tail(output), null);
    }

    /** apt's own summary line ("1 upgraded, 0 newly installed, …") is what a person looks for. */
    private static String done(List<String> output) {
        return output.stream().filter(l -> l.matches("^\\d+ upgraded, \\d+ newly installed.*")).findFirst()
                .orElse("done");
    }

    private static String tail(List<String> output) {
        List<String> lines = output.stream().filter(l -> !l.isBlank()).toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - TAIL), lines.size()));
    }

    private static Consumer<String> tee(Consumer<String> log, List<String> keep) {
        return line -> {
            log.accept(line);
            if (keep.size() < 20_000) {
                keep.add(line);
            }
        };
    }
}

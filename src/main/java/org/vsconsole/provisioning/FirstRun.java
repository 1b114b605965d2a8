package org.vsconsole.provisioning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.vsconsole.host.BuildRequest;
import org.vsconsole.host.ExecResult;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostDriver;
import org.vsconsole.jobs.JobContext;

/**
 * What a creation does inside the new guest once it runs: installs the requested packages
 * (through the host's package cache the build configured) and runs the post-install command as
 * the guest's root. Both run inside the guest, never on the host; a failure fails the creation,
 * which then removes the guest.
 */
final class FirstRun {

    private static final Duration APT_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(30);

    private final HostDriver driver;
    private final GuestSpec guest;
    private final BuildRequest.GuestSetup setup;

    FirstRun(HostDriver driver, GuestSpec guest, BuildRequest.GuestSetup setup) {
        this.driver = driver;
        this.guest = guest;
        this.setup = setup;
    }

    void run(JobContext job) {
        if (!setup.packages().isEmpty()) {
            job.log("Installing " + String.join(" ", setup.packages()) + " inside the guest");
            job.progress(75);
            exec(job, "apt-get update", org.vsconsole.updates.AptCommands.update(), APT_TIMEOUT);
            checkCancelled(job);
            job.progress(80);
            List<String> install = new ArrayList<>(org.vsconsole.updates.AptCommands.install(setup.packages(), false));
            exec(job, "apt-get install", install, APT_TIMEOUT);
            checkCancelled(job);
        }
        if (setup.postInstall() != null) {
            job.log("Running the post-install command inside the guest");
            job.progress(88);
            exec(job, "the post-install command", List.of("/bin/sh", "-c", setup.postInstall()), COMMAND_TIMEOUT);
        }
    }

    private void exec(JobContext job, String what, List<String> argv, Duration timeout) {
        ExecResult result = driver.exec(guest, argv, line -> job.log("  " + line), timeout);
        if (result.timedOut()) {
            throw new IllegalStateException(what + " did not finish within " + timeout.toMinutes() + " min");
        }
        if (result.exitCode() != 0) {
            throw new IllegalStateException(what + " failed inside the guest with exit " + result.exitCode()
                    + " (see the job log)");
        }
    }

    private static void checkCancelled(JobContext job) {
        if (job.cancelled()) {
            throw new CancellationException("cancelled on request");
        }
    }
}

package org.vsconsole.provisioning;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.vsconsole.host.BuildProgress;
import org.vsconsole.host.BuildRequest;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.GuestSpecs;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.GuestConfigWriter;
import org.vsconsole.host.config.HostGrammar;
import org.vsconsole.jobs.JobContext;
import org.vsconsole.jobs.JobWork;
import org.jspecify.annotations.Nullable;

/**
 * The job body of one creation: config, root tree, {@code context.next}, optional start. It keeps
 * track of what it made so that on any failure (or cancel) it removes exactly that, newest
 * first, and never anything it found already there; the job's message then says why it failed
 * and what, if anything, could not be removed.
 */
final class GuestBuild implements JobWork {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final ValidatedGuest guest;
    private final GuestConfigWriter writer;
    private final HostDriver driver;
    private final Path guestsRoot;

    GuestBuild(ValidatedGuest guest, GuestConfigWriter writer, HostDriver driver, Path guestsRoot) {
        this.guest = guest;
        this.writer = writer;
        this.driver = driver;
        this.guestsRoot = guestsRoot;
    }

    @Override
    public void run(JobContext job) throws Exception {
        if (!driver.buildMakesConfigDirectory()) {
            create(job);
            return;
        }
        writer.buildStarting(guest.name());
        try {
            create(job);
        } finally {
            writer.buildEnded(guest.name());
        }
    }

    private void create(JobContext job) throws Exception {
        boolean configMade = false;
        boolean rootMayExist = false;
        boolean startTried = false;
        @Nullable
        GuestSpec spec = null;
        // vserver-build refuses an existing config dir and makes it itself: build first, then add ours.
        boolean buildFirst = driver.buildMakesConfigDirectory();
        try {
            if (buildFirst) {
                spec = GuestSpecs.from(guest.toNewGuest(), writer.reader().configRoot(), guestsRoot);
                if (GuestSpecs.present(spec.configDir())) {
                    throw new IllegalStateException("the configuration " + spec.configDir()
                            + " appeared before the build; it is not this job's and is left alone");
                }
            } else {
                spec = writeConfig(job, 5, () -> writer.createGuest(guest.toNewGuest()));
                configMade = true;
            }
            if (GuestSpecs.present(spec.rootDir())) {
                throw new IllegalStateException("the root directory " + spec.rootDir()
                        + " appeared before the build; it is not this job's and is left alone");
            }
            checkCancelled(job);
            step(job, 15, "Building the root tree in " + spec.rootDir() + " (" + describe() + ")");
            rootMayExist = true;
            // From here the build may have made the config dir; the undo removes it if it is there.
            configMade |= buildFirst;
            driver.buildRoot(spec, guest.build(), buildProgress(job, 15, 70));
            if (buildFirst) {
                spec = writeConfig(job, 71, () -> writer.completeBuiltGuest(guest.toNewGuest()));
            }
            checkCancelled(job);
            BuildRequest.GuestSetup setup = guest.build().setup();
            if (guest.start() || setup.needsFirstRun()) {
                step(job, 72, "Starting '" + guest.name() + "'");
                startTried = true;
                driver.start(spec);
            }
            if (setup.needsFirstRun()) {
                new FirstRun(driver, spec, setup).run(job);
                checkCancelled(job);
                if (!guest.start()) {
                    step(job, 92, "Stopping '" + guest.name() + "' again: it was not to be started");
                    driver.stop(spec, STOP_TIMEOUT);
                }
            }
            // Last, so a failed creation leaves context.next as it found it.
            step(job, 95, "Updating .defaults/context.next");
            advanceContextNext();
            job.progress(100);
            job.log("Guest '" + guest.name() + "' is ready" + (guest.start() ? " and running" : ""));
        } catch (Exception e) {
            String why = reason(e);
            job.log("Failed: " + why);
            List<String> left = undo(job, spec, startTried, rootMayExist, configMade);
            String message = "Creating '" + guest.name() + "' failed: " + why
                    + (left.isEmpty()
                            ? (configMade ? "; everything it made was removed" : "")
                            : "; could not remove " + String.join(" and ", left) + " (remove by hand)");
            if (e instanceof CancellationException) {
                throw new CancellationException(message);
            }
            throw new IllegalStateException(message, e);
        }
    }

    /** Removes what this job made, newest first; returns what could not be removed, with why. */
    private List<String> undo(JobContext job, @Nullable GuestSpec spec, boolean startTried, boolean rootMayExist, boolean configMade) {
        List<String> left = new ArrayList<>();
        if (startTried && spec != null) {
            try {
                if (driver.isRunning(spec)) {
                    job.log("Stopping the half-started guest");
                    driver.stop(spec, STOP_TIMEOUT);
                }
            } catch (RuntimeException e) {
                job.log("Could not stop it: " + reason(e));
            }
        }
        if (rootMayExist && spec != null && GuestSpecs.present(spec.rootDir())) {
            try {
                job.log("Removing the root tree " + spec.rootDir());
                driver.deleteRoot(spec);
            } catch (RuntimeException e) {
                left.add("the root tree " + spec.rootDir() + " (" + reason(e) + ")");
            }
        }
        if (configMade && writer.reader().isNameTaken(guest.name())) {
            try {
                job.log("Removing the configuration " + writer.reader().configRoot().resolve(guest.name()));
                writer.deleteGuest(guest.name(), writer.reader().readGuest(guest.name()).digest());
            } catch (Exception e) {
                left.add("the configuration of '" + guest.name() + "' (" + reason(e) + ")");
            }
        }
        return left;
    }

    private interface ConfigWrite {

        GuestConfig write() throws java.io.IOException;
    }

    /** Writes the console's config files; returns the guest as the driver sees it from them. */
    private GuestSpec writeConfig(JobContext job, int percent, ConfigWrite write) throws java.io.IOException {
        step(job, percent, "Writing the configuration of '" + guest.name() + "': context " + guest.xid() + ", address "
                + guest.ip() + "/" + guest.prefix() + " on " + guest.device());
        GuestConfig config = write.write();
        return GuestSpecs.from(config, guestsRoot);
    }

    /** Moves context.next past the id just used, never backwards (other builds may be ahead). */
    private void advanceContextNext() throws java.io.IOException {
        Integer current = writer.reader().readDefaults().contextNext();
        int next = guest.xid() + 1;
        if (next <= HostGrammar.MAX_XID && (current == null || current <= guest.xid())) {
            writer.setContextNext(next);
        }
    }

    private String describe() {
        return switch (guest.build().method()) {
            case SKELETON -> "skeleton";
            case CLONE -> "clone of '" + guest.build().source() + "'";
            case DEBOOTSTRAP -> "debootstrap " + guest.build().dist()
                    + (guest.build().mirror() == null ? "" : " from " + guest.build().mirror());
        };
    }

    /** The driver's 0..100 of the build, shown as {@code from..to} of the whole job. */
    private static BuildProgress buildProgress(JobContext job, int from, int to) {
        return BuildProgress.of(job::log, percent -> job.progress(from + (to - from) * Math.max(0, Math.min(100, percent)) / 100),
                job::cancelled);
    }

    private static void step(JobContext job, int percent, String line) {
        job.log(line);
        job.progress(percent);
    }

    private static void checkCancelled(JobContext job) {
        if (job.cancelled()) {
            throw new CancellationException("cancelled on request");
        }
    }

    private static String reason(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}

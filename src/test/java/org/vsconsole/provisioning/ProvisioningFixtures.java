package org.vsconsole.provisioning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.vsconsole.host.BuildRequest;
import org.vsconsole.host.ContextFigures;
import org.vsconsole.host.ExecResult;
import org.vsconsole.host.GuestProcess;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.LimitValues;
import org.vsconsole.host.config.GuestConfigWriter;
import org.vsconsole.host.config.InterfaceSpec;
import org.vsconsole.host.config.NewGuest;
import org.vsconsole.jobs.JobContext;
import org.vsconsole.jobs.JobState;

/** A temp host tree with guests made by the real writer, a scriptable driver and a recording job context. */
final class ProvisioningFixtures {

    private ProvisioningFixtures() {
    }

    static final class Host {

        final Path configRoot;
        final Path guestsRoot;
        final GuestConfigWriter writer;

        Host(Path dir) throws IOException {
            configRoot = Files.createDirectories(dir.resolve("etc/vservers"));
            guestsRoot = Files.createDirectories(dir.resolve("var/lib/vservers"));
            writer = new GuestConfigWriter(configRoot, guestsRoot);
        }

        /** A guest on disk the way the console or a hand edit would leave it. */
        Host guest(String name, int xid, String ip) throws IOException {
            writer.createGuest(new NewGuest(name, xid, name, null,
                    ip == null ? List.of() : List.of(new InterfaceSpec(ip, 24, "eth0", null, false)), null, false, Map.of()));
            return this;
        }

        Host contextNext(int next) throws IOException {
            writer.setContextNext(next);
            return this;
        }

        GuestRequestValidator validator(String pool) {
            return validator(pool, false);
        }

        GuestRequestValidator validator(String pool, boolean allowLinkLocal) {
            return new GuestRequestValidator(writer.reader(), guestsRoot, new XidAllocator(), new AddressAllocator(pool),
                    new Reservations(), "eth0", new BuildOptionsValidator(
                            new org.vsconsole.host.HostAptSources(guestsRoot.resolve("no-apt")), List.of("bookworm", "trixie")),
                    allowLinkLocal);
        }

        /** Names of everything under both roots except .defaults, to prove nothing was left behind. */
        List<String> entries() throws IOException {
            List<String> out = new ArrayList<>();
            for (Path root : List.of(configRoot, guestsRoot)) {
                try (Stream<Path> s = Files.list(root)) {
                    s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".defaults")).forEach(out::add);
                }
            }
            return out;
        }
    }

    /** A driver whose build makes a small root tree, or fails at the step it is told to. */
    static class FakeDriver implements HostDriver {

        enum Fail {
            NONE, BUILD_BEFORE_ROOT, BUILD_AFTER_ROOT, START
        }

        Fail fail = Fail.NONE;
        final List<String> calls = new ArrayList<>();
        boolean running;

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public java.util.Optional<String> readOnlyReason() {
            return java.util.Optional.empty();
        }

        @Override
        public void start(GuestSpec guest) {
            calls.add("start " + guest.name());
            running = true;
            if (fail == Fail.START) {
                throw new org.vsconsole.host.HostOperationException("start", guest.name(), "init exited with status 1");
            }
        }

        @Override
        public void stop(GuestSpec guest, Duration timeout) {
            calls.add("stop " + guest.name());
            running = false;
        }

        @Override
        public boolean isRunning(GuestSpec guest) {
            return running;
        }

        @Override
        public Map<Integer, ContextFigures> figures(List<GuestSpec> guests) {
            return Map.of();
        }

        @Override
        public ExecResult exec(GuestSpec guest, List<String> argv, Consumer<String> output, Duration timeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<GuestProcess> processes(GuestSpec guest) {
            return List.of();
        }

        @Override
        public void kill(GuestSpec guest, int pid, int signal) {
        }

        @Override
        public void setLimitLive(GuestSpec guest, String limitName, LimitValues values) {
        }

        @Override
        public void remountTmp(GuestSpec guest, String size) {
        }

        @Override
        public void buildRoot(GuestSpec guest, BuildRequest request, org.vsconsole.host.BuildProgress log) {
            calls.add("build " + guest.name() + " " + request.method());
            if (fail == Fail.BUILD_BEFORE_ROOT) {
                throw new org.vsconsole.host.HostOperationException("build", guest.name(), "debootstrap: mirror unreachable");
            }
            try {
                Files.createDirectories(guest.rootDir().resolve("bin"));
                Files.writeString(guest.rootDir().resolve("bin/busybox"), "not really");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            log.accept("copied busybox");
            if (fail == Fail.BUILD_AFTER_ROOT) {
                throw new org.vsconsole.host.HostOperationException("build", guest.name(), "disk full half-way");
            }
        }

        @Override
        public void deleteRoot(GuestSpec guest) {
            calls.add("deleteRoot " + guest.name());
            try (Stream<Path> walk = Files.walk(guest.rootDir())) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Collects what a job reports. */
    static final class RecordingJob implements JobContext {

        final List<String> log = new ArrayList<>();
        final List<Integer> progress = new ArrayList<>();
        boolean cancel;

        @Override
        public long jobId() {
            return 1;
        }

        @Override
        public void log(String line) {
            log.add(line);
        }

        @Override
        public void progress(int percent) {
            progress.add(percent);
        }

        @Override
        public void item(String item, JobState state, String message) {
        }

        @Override
        public boolean cancelled() {
            return cancel;
        }
    }
}

package org.vsconsole.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * F2 of the reliability plan: a child JVM writes configs in a loop and is killed with SIGKILL at a
 * random moment, 200+ times. After each kill every file must hold its old or its new content
 * (never a mix, never empty), guest {@code c1} must be absent or complete, the reader must not
 * see any leftover temp file, and the startup cleanup must remove all of them.
 */
@org.junit.jupiter.api.condition.EnabledIf("org.vsconsole.host.config.SlowTests#crashTestRequested")
class ConfigWriterCrashIT {

    private static final int KILLS = Integer.getInteger("crash.kills", 200);
    /** Independent trees written by concurrent children: JVM start-up dominates, lanes overlap it. */
    private static final int LANES = 2;
    /** A write cycle of the child takes a few hundred ms here (fsync ~15 ms), so kills spread over it. */
    private static final int MAX_DELAY_MS = Integer.getInteger("crash.maxDelayMs", 400);

    /**
     * Only the project's own classes: the writer needs no library, and a JVM that does not have to
     * look at the test class path's ~150 jars starts in about two thirds of the time, 200 times.
     */
    private static final String CHILD_CLASS_PATH = codeSource(ConfigWriterCrashChild.class) + java.io.File.pathSeparator
            + codeSource(GuestConfigWriter.class);

    @TempDir
    Path tmp;

    private static String codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void killNineNeverLeavesAPartialFile() throws Exception {
        long started = System.nanoTime();
        Map<String, Integer> seen = new java.util.concurrent.ConcurrentSkipListMap<>();
        java.util.concurrent.atomic.AtomicInteger orphans = new java.util.concurrent.atomic.AtomicInteger();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(LANES)) {
            List<java.util.concurrent.Future<?>> lanes = new ArrayList<>();
            for (int lane = 0; lane < LANES; lane++) {
                Path laneDir = Files.createDirectories(tmp.resolve("lane" + lane));
                int kills = KILLS / LANES + (lane < KILLS % LANES ? 1 : 0);
                lanes.add(pool.submit(() -> {
                    runLane(laneDir, kills, seen, orphans);
                    return null;
                }));
            }
            for (var f : lanes) {
                f.get();
            }
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("ConfigWriterCrashIT: kills %d in %d ms (%d lanes); states %s; orphan temp files/dirs removed %d;"
                + " partial or empty files 0%n", KILLS, ms, LANES, seen, orphans.get());
        assertThat(seen.keySet()).as("kills landed in different states").hasSizeGreaterThan(6)
                .contains("c1 absent", "c1 present");
    }

    private void runLane(Path laneDir, int kills, Map<String, Integer> seen,
            java.util.concurrent.atomic.AtomicInteger orphanCount) throws Exception {
        Path root = Files.createDirectories(laneDir.resolve("etc-vservers"));
        Path guests = Files.createDirectories(laneDir.resolve("vservers"));
        FixtureTree.buildReference(root);
        Files.writeString(root.resolve("web1/shell"), "/bin/zsh\n");
        GuestConfigWriter writer = new GuestConfigWriter(root, guests);
        List<String> fstabs = new ArrayList<>();
        for (String size : ConfigWriterCrashChild.TMP) {
            fstabs.add(Files.readString(root.resolve("web1/fstab")).replace("size=16m", "size=" + size));
        }
        Random random = new Random(Long.getLong("crash.seed", System.nanoTime()) + laneDir.hashCode());
        for (int round = 0; round < kills; round++) {
            int startStep = random.nextInt(8);
            Process child = startChild(root, guests, laneDir.getParent().resolve("child.jsa"), startStep);
            // a guest create is ~20 fsyncs (cold JVM, loaded box): give those rounds a longer window
            int window = startStep % 4 == 3 ? 4 * MAX_DELAY_MS : MAX_DELAY_MS;
            Thread.sleep(5 + random.nextInt(window - 4));
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

            String nproc = Files.readString(root.resolve("web1/rlimits/nproc"));
            String nodename = Files.readString(root.resolve("web1/uts/nodename"));
            String fstab = Files.readString(root.resolve("web1/fstab"));
            assertThat(nproc).isIn("150\n", ConfigWriterCrashChild.NPROC[0], ConfigWriterCrashChild.NPROC[1]);
            assertThat(nodename).isIn("web1\n", ConfigWriterCrashChild.NODENAME[0], ConfigWriterCrashChild.NODENAME[1]);
            assertThat(fstab).isIn(fstabs.get(0), fstabs.get(1));
            assertThat(Files.readString(root.resolve("web1/shell"))).isEqualTo("/bin/zsh\n");
            seen.merge("nproc=" + nproc.trim(), 1, Integer::sum);
            seen.merge("nodename=" + nodename.trim(), 1, Integer::sum);
            seen.merge("tmp=" + (fstab.equals(fstabs.get(0)) ? "16m" : "512m"), 1, Integer::sum);
            seen.merge("c1 " + (Files.exists(root.resolve("c1")) ? "present" : "absent"), 1, Integer::sum);

            GuestConfig web1 = writer.reader().readGuest("web1");
            assertThat(web1.unknownFiles()).extracting(UnknownFile::path).containsExactly("shell");
            assertThat(web1.warnings()).extracting(ConfigWarning::path).containsOnly("spaces/mask");
            assertThat(writer.reader().listGuestNames()).isSubsetOf("web1", "c1");
            if (Files.exists(root.resolve("c1"))) {
                GuestConfig c1 = writer.reader().readGuest("c1");
                assertThat(c1.context()).isEqualTo(40500);
                assertThat(c1.vdirTarget()).isEqualTo(guests.resolve("c1").toString());
                assertThat(c1.tmpSize()).isEqualTo("64m");
                assertThat(c1.interfaces()).hasSize(1);
                assertThat(c1.init().bootMarked()).isTrue();
                assertThat(c1.rlimits().get("nproc").plain()).isEqualTo(50);
                assertThat(c1.warnings()).isEmpty();
            }
            // startup reconciliation: leftovers are recognised and removed
            orphanCount.addAndGet(writer.removeStaleStagingFiles().size());
            assertThat(writer.removeStaleStagingFiles()).isEmpty();
        }
    }

    private static Process startChild(Path root, Path guests, Path cdsArchive, int startStep) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + cdsArchive, "-Xlog:disable", "-Xlog:all=off",
                "-cp", CHILD_CLASS_PATH, ConfigWriterCrashChild.class.getName(),
                root.toString(), guests.toString(), Integer.toString(startStep));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("child output").isEqualTo("READY");
        // keep draining so a stack trace can never block the child
        Thread.ofVirtual().start(() -> {
            try {
                String l;
                while ((l = out.readLine()) != null) {
                    System.out.println("child: " + l);
                }
            } catch (IOException e) {
                // child killed
            }
        });
        return p;
    }
}

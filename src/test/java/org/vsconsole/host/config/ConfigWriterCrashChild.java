package org.vsconsole.host.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Child process for {@link ConfigWriterCrashIT}: loops forever alternating two known versions of
 * several files of guest {@code web1} through {@link GuestConfigWriter}, and alternately creates
 * and deletes guest {@code c1}, until the parent kills it with SIGKILL.
 */
public final class ConfigWriterCrashChild {

    static final String[] NPROC = {"100\n", "2000000\n"};
    static final String[] NODENAME = {"alpha\n", "beta-with-a-much-longer-node-name\n"};
    static final String[] TMP = {"16m", "512m"};

    private ConfigWriterCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        GuestConfigWriter writer = new GuestConfigWriter(root, Path.of(args[1]));
        writer.reader().readGuest("web1");
        System.out.println("READY");
        System.out.flush();
        // The parent passes a random start step so that kills, which mostly land early in a
        // short-lived child, still hit every step and both versions of every file.
        int step = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        boolean trace = Boolean.getBoolean("crash.trace");
        long t0 = System.nanoTime();
        for (;; step++) {
            if (trace) {
                System.out.println("step " + step + " at " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            }
            int v = (step / 4) % 2;
            GuestConfig g = writer.reader().readGuest("web1");
            switch (step % 4) {
                case 0 -> writer.apply(g, new ConfigChange.SetLimit("nproc", LimitPart.PLAIN, Long.parseLong(NPROC[v].trim())));
                case 1 -> writer.apply(g, new ConfigChange.SetUts(NODENAME[v].trim(), "example.com"));
                case 2 -> writer.apply(g, new ConfigChange.SetTmpSize(TMP[v]));
                default -> {
                    if (Files.isDirectory(root.resolve("c1"))) {
                        writer.deleteGuest("c1", writer.reader().readGuest("c1").digest());
                    } else {
                        writer.createGuest(new NewGuest("c1", 40500, "c1", "example.com",
                                List.of(new InterfaceSpec("192.0.2.200", 24, "eth0", null, false)), "64m", true,
                                Map.of("nproc", org.vsconsole.host.LimitValues.both(50))));
                    }
                }
            }
        }
    }
}

package org.vsconsole.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** Reads the facts every driver shares from the host's {@code /proc} and cgroup mount. */
public final class HostFactsReader {

    private HostFactsReader() {
    }

    public static HostFacts read(Path procRoot, Path cgroupRoot, String driver, @Nullable String engine, List<String> missing) {
        String kernel = firstLine(procRoot.resolve("sys/kernel/osrelease"));
        return new HostFacts(kernel == null ? "unknown" : kernel, System.getProperty("os.arch", "unknown"), driver, engine,
                cgroups(cgroupRoot), missing);
    }

    /** {@code v2: cpu memory pids} on a unified mount, {@code v1: cpu memory pids (+ v2 unified)} on a hybrid one. */
    static String cgroups(Path root) {
        String unified = firstLine(root.resolve("cgroup.controllers"));
        if (unified != null) {
            return "v2: " + (unified.isBlank() ? "no controllers" : unified);
        }
        List<String> controllers = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            entries.filter(p -> Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("unified") && !n.equals("systemd") && !n.contains(","))
                    .sorted()
                    .forEach(controllers::add);
        } catch (IOException e) {
            return "unknown (" + root + " cannot be read)";
        }
        if (controllers.isEmpty()) {
            return "none mounted at " + root;
        }
        return "v1: " + String.join(" ", controllers) + (Files.isDirectory(root.resolve("unified")) ? " (+ v2 unified)" : "");
    }

    static @Nullable String firstLine(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.findFirst().map(String::strip).orElse(null);
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }
}

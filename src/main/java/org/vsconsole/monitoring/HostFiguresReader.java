package org.vsconsole.monitoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads {@code loadavg} and {@code meminfo} under the proc root; unreadable values stay unknown. */
final class HostFiguresReader {

    private final Path procRoot;

    HostFiguresReader(Path procRoot) {
        this.procRoot = procRoot == null ? Path.of("/proc") : procRoot;
    }

    HostFigures read() {
        double l1 = -1;
        double l5 = -1;
        double l15 = -1;
        try {
            String[] parts = Files.readString(procRoot.resolve("loadavg")).trim().split("\\s+");
            if (parts.length >= 3) {
                l1 = Double.parseDouble(parts[0]);
                l5 = Double.parseDouble(parts[1]);
                l15 = Double.parseDouble(parts[2]);
            }
        } catch (IOException | RuntimeException e) {
            // unknown load stays -1
        }
        long total = 0;
        long available = 0;
        try {
            List<String> lines = Files.readAllLines(procRoot.resolve("meminfo"));
            for (String line : lines) {
                if (line.startsWith("MemTotal:")) {
                    total = kib(line);
                } else if (line.startsWith("MemAvailable:")) {
                    available = kib(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown memory stays 0
        }
        return new HostFigures(l1, l5, l15, total, available, Runtime.getRuntime().availableProcessors());
    }

    static HostFigures parse(String loadavg, String meminfo, int cores) {
        String[] p = loadavg.trim().split("\\s+");
        long total = 0;
        long available = 0;
        for (String line : meminfo.split("\n")) {
            if (line.startsWith("MemTotal:")) {
                total = kib(line);
            } else if (line.startsWith("MemAvailable:")) {
                available = kib(line);
            }
        }
        return new HostFigures(Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]), total, available, cores);
    }

    private static long kib(String line) {
        String[] parts = line.trim().split("\\s+");
        return Long.parseLong(parts[1]) * 1024;
    }
}

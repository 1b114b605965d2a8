package org.vsconsole.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a pass/fail test: prints how long a full read of 1000 guests (parse + digest) takes, so
 * the services can decide how often a periodic drift scan may run. No timing asserts. Runs only
 * when named: {@code -Dtest=ConfigReadBench} ({@code -Dbench.guests=N} to change the size).
 */
@org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "vsconsole.bench", matches = "true")
class ConfigReadBench {

    private static final int GUESTS = Integer.getInteger("bench.guests", 1000);

    @TempDir
    Path root;

    private static long readAllBytes(Path root) throws IOException {
        long[] bytes = {0};
        try (var walk = Files.walk(root)) {
            walk.forEach(p -> {
                try {
                    if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        bytes[0] += Files.readAllBytes(p).length;
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        return bytes[0];
    }

    @Test
    void readThousandGuests() throws IOException {
        Map<String, String> files = FixtureTree.referenceFiles();
        List<String[]> links = FixtureTree.referenceLinks();
        long t0 = System.nanoTime();
        for (int i = 0; i < GUESTS; i++) {
            String name = "g" + i;
            for (Map.Entry<String, String> e : files.entrySet()) {
                if (!e.getKey().startsWith("web1/")) {
                    continue;
                }
                String rel = e.getKey().substring("web1/".length());
                String content = switch (rel) {
                    case "context" -> (2 + i) + "\n";
                    case "interfaces/0/ip" -> "10." + (i / 250) + "." + (i % 250) + ".1\n";
                    case "interfaces/1/ip" -> "10.200." + (i / 250) + "." + (i % 250) + "\n";
                    default -> e.getValue().replace("web1", name);
                };
                Path p = root.resolve(name).resolve(rel);
                Files.createDirectories(p.getParent());
                Files.writeString(p, content);
            }
            for (String[] link : links) {
                if (link[0].startsWith("web1/")) {
                    Files.createSymbolicLink(root.resolve(name).resolve(link[0].substring(5)),
                            Path.of(link[1].replace("web1", name)));
                }
            }
        }
        long generated = System.nanoTime() - t0;
        // the caching reader reuses only trees quiet for its settle time
        try {
            Thread.sleep(GuestConfigReader.SETTLE.toMillis() + 100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long raw0 = System.nanoTime();
        long rawBytes = readAllBytes(root);
        long rawFirst = System.nanoTime() - raw0;
        GuestConfigReader reader = new GuestConfigReader(root);
        long[] runs = new long[3];
        List<GuestConfig> all = List.of();
        for (int r = 0; r < runs.length; r++) {
            long s = System.nanoTime();
            all = reader.readAllGuests();
            runs[r] = System.nanoTime() - s;
        }
        assertThat(all).hasSize(GUESTS);
        long raw1 = System.nanoTime();
        readAllBytes(root);
        long rawWarm = System.nanoTime() - raw1;
        long entries = all.stream().mapToLong(g -> g.manifest().fingerprints().size()).sum();
        long regularFiles = all.stream().mapToLong(g -> g.manifest().fingerprints().values().stream()
                .filter(f -> f.startsWith("f:")).count()).sum();
        long s = System.nanoTime();
        List<String> names = reader.listGuestNames();
        long listing = System.nanoTime() - s;
        System.out.printf("ConfigReadBench: %d guests generated in %d ms; files read per guest %d (entries incl. dirs"
                + " and links %d); uncached full read with digests: run1 %d ms, run2 %d ms, run3 %d ms"
                + " (%.2f ms/guest warm); listing names only %d ms (%d names)%n",
                GUESTS, generated / 1_000_000, regularFiles / GUESTS, entries / GUESTS, runs[0] / 1_000_000,
                runs[1] / 1_000_000, runs[2] / 1_000_000, runs[2] / 1e6 / GUESTS, listing / 1_000_000, names.size());
        System.out.printf("ConfigReadBench: merely walking and reading the same bytes (%d KB): first %d ms, again %d ms;"
                + " uncached read / raw read = %.1fx%n",
                rawBytes / 1024, rawFirst / 1_000_000, rawWarm / 1_000_000, (double) runs[2] / rawWarm);
        GuestConfigReader cached = GuestConfigReader.cached(root);
        long c0 = System.nanoTime();
        List<GuestConfig> cold = cached.readAllGuests();
        long coldNs = System.nanoTime() - c0;
        long warmNs = Long.MAX_VALUE;
        List<GuestConfig> warm = List.of();
        for (int r = 0; r < 3; r++) {
            long w0 = System.nanoTime();
            warm = cached.readAllGuests();
            warmNs = Math.min(warmNs, System.nanoTime() - w0);
        }
        long reused = 0;
        for (int i = 0; i < GUESTS; i++) {
            reused += cold.get(i) == warm.get(i) ? 1 : 0;
        }
        // ten guests edited outside the console, then a read again
        for (int i = 0; i < 10; i++) {
            Files.writeString(root.resolve("g" + (i * 97) + "/nice"), "7\n");
        }
        long e0 = System.nanoTime();
        List<GuestConfig> edited = cached.readAllGuests();
        long editedNs = System.nanoTime() - e0;
        long seen = 0;
        for (int i = 0; i < 10; i++) {
            String name = "g" + (i * 97);
            seen += edited.stream().filter(g -> g.name().equals(name)).findFirst().map(g -> g.nice() != null && g.nice() == 7 ? 1 : 0)
                    .orElse(0);
        }
        System.out.printf("ConfigReadBench: caching reader (inode, size, mtime, ctime of every entry): cold %d ms, warm %d ms"
                + " (%d of %d reused); cold / raw read = %.2fx, warm / raw read = %.2fx, uncached / warm = %.1fx;"
                + " after 10 guests edited outside: %d ms, %d of 10 edits seen%n",
                coldNs / 1_000_000, warmNs / 1_000_000, reused, GUESTS, (double) coldNs / rawWarm, (double) warmNs / rawWarm,
                (double) runs[2] / warmNs, editedNs / 1_000_000, seen);
        for (int r = 0; r < 2; r++) {
            long s2 = System.nanoTime();
            HostGrammar.requireContextFree(49000, null, reader);
            HostGrammar.requireAddressFree(HostGrammar.ipAddress("192.0.2.254"), null, null, reader);
            System.out.printf("ConfigReadBench: context + address uniqueness check against the tree (%d guests, "
                    + "identity read only) run%d %d ms%n", GUESTS, r + 1, (System.nanoTime() - s2) / 1_000_000);
        }
    }
}

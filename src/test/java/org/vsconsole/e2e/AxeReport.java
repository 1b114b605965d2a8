package org.vsconsole.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What axe found on each screen, written to {@code target/a11y/axe-report.md}: a table of counts by
 * impact per screen, then every violation with the nodes it names, so the moderate ones that do not
 * fail the build are still in front of whoever reads the test report.
 */
final class AxeReport {

    private static final Path FILE = Path.of("target", "a11y", "axe-report.md");
    private static final List<String> IMPACTS = List.of("critical", "serious", "moderate", "minor");

    private final Map<String, List<Axe.Violation>> byScreen = new LinkedHashMap<>();

    void add(String screen, List<Axe.Violation> violations) {
        byScreen.put(screen, violations);
        write();
    }

    /** "screen: violation" for each critical or serious one, for an assertion message. */
    List<String> blocking() {
        return byScreen.entrySet().stream()
                .flatMap(e -> e.getValue().stream().filter(Axe.Violation::blocking).map(v -> e.getKey() + ": " + v))
                .toList();
    }

    private void write() {
        StringBuilder out = new StringBuilder("# axe-core violations per screen\n\n| screen | ")
                .append(String.join(" | ", IMPACTS)).append(" | rules |\n|---|---|---|---|---|---|\n");
        byScreen.forEach((screen, violations) -> {
            Map<String, Long> counts = violations.stream().collect(Collectors.groupingBy(Axe.Violation::impact,
                    TreeMap::new, Collectors.counting()));
            out.append("| ").append(screen);
            IMPACTS.forEach(i -> out.append(" | ").append(counts.getOrDefault(i, 0L)));
            out.append(" | ").append(violations.stream().map(Axe.Violation::rule).collect(Collectors.joining(", "))).append(" |\n");
        });
        out.append("\n");
        byScreen.forEach((screen, violations) -> violations.forEach(v -> out.append("- ").append(screen).append(": ")
                .append(v).append("\n")));
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.vsconsole.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints figures only (no assertions): start to first page and RSS then, for the plain jar, the
 * extracted jar and the extracted jar with the JDK's AOT cache that {@code scripts/run.sh} uses,
 * one after the other in one run. The work is {@code scripts/bench-start.sh} (also runnable by
 * itself); it needs the packaged jar ({@code ./mvnw -DskipTests package}) and says so otherwise.
 * {@code -Dbench.start.rounds=N} repeats each start.
 */
@EnabledIfSystemProperty(named = "vsconsole.bench", matches = "true")
class StartTimeBench {

    @Test
    void bench() throws Exception {
        Path script = Path.of("scripts/bench-start.sh");
        if (!Files.isExecutable(script)) {
            System.out.println("StartTimeBench: scripts/bench-start.sh not found");
            return;
        }
        Process p = new ProcessBuilder("bash", script.toString(), Integer.getInteger("bench.start.rounds", 2).toString())
                .inheritIO().start();
        p.waitFor();
    }
}

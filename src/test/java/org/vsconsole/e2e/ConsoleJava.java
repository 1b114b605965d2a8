package org.vsconsole.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * How the tests start the production jar: as {@code scripts/run.sh} and the Docker image start it,
 * from the JDK's AOT cache ({@code scripts/start-cache.sh}, made once per build and shared by every
 * test JVM). A console then starts in about half the time, and the tests wait for it as long as an
 * operator does. If the cache cannot be made, the tests start the plain jar, as run.sh would.
 */
public final class ConsoleJava {

    private static final Path CACHE_DIR = Path.of("target", "aot");
    private static @Nullable List<String> launch;

    private ConsoleJava() {
    }

    /** {@code java}, the given JVM options, and {@code -jar} with the jar to start. */
    public static List<String> command(String... jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(List.of(jvmOptions));
        command.addAll(launch());
        return command;
    }

    private static synchronized List<String> launch() {
        if (launch == null) {
            launch = prepare();
        }
        return launch;
    }

    private static List<String> prepare() {
        try {
            Path jar = RunningConsole.findJar();
            Path log = Files.createDirectories(Path.of("target", "e2e")).resolve("start-cache.log");
            ProcessBuilder pb = new ProcessBuilder("bash", "-c",
                    "source scripts/start-cache.sh && aot_prepare \"$1\" \"$2\"", "start-cache", jar.toString(),
                    CACHE_DIR.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            long started = System.nanoTime();
            Process p = pb.start();
            boolean done = p.waitFor(5, TimeUnit.MINUTES);
            Path cache = CACHE_DIR.resolve("app.aot").toAbsolutePath();
            Path extracted = CACHE_DIR.resolve("app").resolve(jar.getFileName()).toAbsolutePath();
            if (done && p.exitValue() == 0 && Files.isRegularFile(cache) && Files.size(cache) > 0 && Files.exists(extracted)) {
                System.out.printf("ConsoleJava: consoles start from the AOT cache %s (ready after %d ms)%n", cache,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                return List.of("-XX:AOTCache=" + cache, "-jar", extracted.toString());
            }
            p.destroyForcibly();
            System.err.println("ConsoleJava: no start-up cache (see " + log + "); consoles start from the plain jar");
            return List.of("-jar", jar.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package org.vsconsole.host.quota;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a host tool for a test: argv list with an absolute program path, never a shell, bounded in time. */
record HostCommand(int exitCode, String output) {

    static HostCommand run(Path workDir, List<String> argv) throws IOException, InterruptedException {
        if (!argv.getFirst().startsWith("/")) {
            throw new IllegalArgumentException("give the program by absolute path: " + argv.getFirst());
        }
        Process process = new ProcessBuilder(argv).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(argv + " did not finish within 60 s");
        }
        return new HostCommand(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    static HostCommand run(List<String> argv) throws IOException, InterruptedException {
        return run(Path.of("/"), argv);
    }

    /** Runs it and fails the test with the tool's own words when it fails. */
    static String ok(List<String> argv) throws IOException, InterruptedException {
        HostCommand result = run(argv);
        if (result.exitCode() != 0) {
            throw new IOException(String.join(" ", argv) + " failed (exit " + result.exitCode() + "): " + result.output());
        }
        return result.output();
    }
}

package org.vsconsole.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the tests start the production jar: {@code java -jar}, as an operator can. The tests do not
 * start it from the AOT cache {@code scripts/run.sh} uses: with it, a console in two of three CI
 * runs stopped answering the sign-in (the page stayed on Vaadin's loading bar, nothing in the log),
 * which no run from the plain jar has shown; until that is understood the tests use the plain jar.
 */
public final class ConsoleJava {

    private ConsoleJava() {
    }

    /** {@code java}, the given JVM options, and {@code -jar} with the production jar. */
    public static List<String> command(String... jvmOptions) {
        try {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("--enable-native-access=ALL-UNNAMED");
            command.addAll(List.of(jvmOptions));
            command.addAll(List.of("-jar", RunningConsole.findJar().toString()));
            return command;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

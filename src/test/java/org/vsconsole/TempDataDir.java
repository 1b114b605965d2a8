package org.vsconsole;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points {@code vsconsole.data-dir} (and so the H2 file database) at one fresh temporary
 * directory per test JVM, so tests never touch ./data and the cached Spring context keeps one
 * consistent directory.
 */
public class TempDataDir implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Path DIR = create();

    private static Path create() {
        try {
            return Files.createTempDirectory("vsconsole-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path dir() {
        return DIR;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("vsconsole-test-data-dir", Map.of("vsconsole.data-dir", DIR.toString())));
    }
}

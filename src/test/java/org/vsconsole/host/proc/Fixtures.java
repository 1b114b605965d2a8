package org.vsconsole.host.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Access to {@code src/test/resources/fixtures/proc}. */
final class Fixtures {

    private Fixtures() {
    }

    static Path root() {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/proc").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    /** A reference fixture as text, decoded byte for byte like the reader does. */
    static String text(String relative) {
        try {
            return new String(Files.readAllBytes(path(relative)), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String reference(String name) {
        return text("reference/" + name);
    }
}

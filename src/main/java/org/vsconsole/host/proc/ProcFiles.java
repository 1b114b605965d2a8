package org.vsconsole.host.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads small proc and config files whole. Decoded as ISO-8859-1 because every byte must map to
 * one char (junk never fails decoding, and Java stores such strings compactly, one byte a char).
 */
final class ProcFiles {

    private ProcFiles() {
    }

    /** The file's text, or null when it does not exist (a context or process that just ended). */
    static String readOrNull(Path file) throws IOException {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException gone) {
            return null;
        }
    }

    /** Like {@link #readOrNull} but turns any read failure into null plus a warning. */
    static String readQuietly(Path file, Warnings warnings) {
        try {
            return readOrNull(file);
        } catch (IOException e) {
            warnings.add("cannot read " + file + ": " + e.getMessage());
            return null;
        }
    }

    static boolean isAllDigits(String name) {
        if (name.isEmpty() || name.length() > 9) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}

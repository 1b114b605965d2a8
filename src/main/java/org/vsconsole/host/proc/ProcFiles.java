package org.vsconsole.host.proc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * Reads small proc and config files whole. The kernel renders a {@code /proc/virtual} file in one
 * page per {@code read()}, so the first read uses a buffer larger than a page and gets a consistent
 * picture; the buffer is reused because a snapshot reads thousands of files. Text is decoded as
 * ISO-8859-1 so every byte maps to one char (junk never fails decoding, and Java stores such
 * strings compactly, one byte a char).
 */
final class ProcFiles {

    private static final int FIRST_READ = 8192;

    private final ByteBuffer buffer = ByteBuffer.allocate(FIRST_READ);

    /** The file's text, or null when it does not exist (a context or process that just ended). */
    @Nullable
    String read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            buffer.clear();
            int total = 0;
            while (true) {
                int count = channel.read(buffer);
                if (count < 0) {
                    break;
                }
                total += count;
                if (!buffer.hasRemaining()) {
                    return readRest(channel);
                }
            }
            return new String(buffer.array(), 0, total, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException gone) {
            return null;
        }
    }

    /** Rare path: a file larger than the buffer (big config files, not kernel files). */
    private String readRest(FileChannel channel) throws IOException {
        StringBuilder text = new StringBuilder(new String(buffer.array(), 0, buffer.position(), StandardCharsets.ISO_8859_1));
        while (true) {
            buffer.clear();
            int count = channel.read(buffer);
            if (count < 0) {
                return text.toString();
            }
            text.append(new String(buffer.array(), 0, count, StandardCharsets.ISO_8859_1));
        }
    }

    /** Like {@link #read} but turns any read failure into null plus a warning. */
    @Nullable
    String readQuietly(Path file, Warnings warnings) {
        try {
            return read(file);
        } catch (IOException e) {
            warnings.add("cannot read " + file + ": " + e.getMessage());
            return null;
        }
    }

    static @Nullable String readOrNull(Path file) throws IOException {
        return new ProcFiles().read(file);
    }

    static @Nullable String readQuietlyOnce(Path file, Warnings warnings) {
        return new ProcFiles().readQuietly(file, warnings);
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

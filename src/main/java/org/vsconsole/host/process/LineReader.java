package org.vsconsole.host.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a byte stream into lines of bounded length. A plain {@code readLine()} would buffer a
 * 100 MB line without newline in memory; here a longer line is handed on in pieces (nothing a
 * guest printed is lost, and no piece ends inside a UTF-8 character). Bytes are decoded as UTF-8
 * with replacement, so invalid output never throws.
 */
final class LineReader {

    private final int maxLineBytes;

    LineReader(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    void readLines(InputStream in, Consumer<String> sink) throws IOException {
        byte[] buffer = new byte[8192];
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int n;
        while ((n = in.read(buffer)) > 0) {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    sink.accept(finish(line));
                } else {
                    line.write(b);
                    if (line.size() >= maxLineBytes) {
                        sink.accept(splitAtCharacter(line));
                    }
                }
            }
        }
        if (line.size() > 0) {
            sink.accept(finish(line));
        }
    }

    /** Hands on the full piece up to its last whole character; the started one stays for the next. */
    private static String splitAtCharacter(ByteArrayOutputStream line) {
        byte[] bytes = line.toByteArray();
        int end = bytes.length;
        int back = 0;
        while (back < 3 && end - back > 0 && (bytes[end - back - 1] & 0xC0) == 0x80) {
            back++;
        }
        if (end - back > 0 && (bytes[end - back - 1] & 0xC0) == 0xC0) {
            back++; // the lead byte of the character the continuation bytes belong to
        } else {
            back = 0; // no character was cut: the trailing bytes are invalid anyway
        }
        line.reset();
        line.write(bytes, end - back, back);
        return new String(bytes, 0, end - back, StandardCharsets.UTF_8);
    }

    private static String finish(ByteArrayOutputStream line) {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}

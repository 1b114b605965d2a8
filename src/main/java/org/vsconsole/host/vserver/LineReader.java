package org.vsconsole.host.vserver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a byte stream into lines of bounded length. A plain {@code readLine()} would buffer a
 * 100 MB line without newline in memory; here an over-long line is cut and the rest dropped up to
 * the next newline. Bytes are decoded as UTF-8 with replacement, so invalid output never throws.
 */
final class LineReader {

    private final int maxLineBytes;

    LineReader(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    void readLines(InputStream in, Consumer<String> sink) throws IOException {
        byte[] buffer = new byte[8192];
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean cut = false;
        int n;
        while ((n = in.read(buffer)) > 0) {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    sink.accept(finish(line, cut));
                    cut = false;
                } else if (line.size() < maxLineBytes) {
                    line.write(b);
                } else {
                    cut = true;
                }
            }
        }
        if (line.size() > 0 || cut) {
            sink.accept(finish(line, cut));
        }
    }

    private static String finish(ByteArrayOutputStream line, boolean cut) {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        return cut ? text + "…" : text;
    }
}

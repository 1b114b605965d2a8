package org.vsconsole.terminal;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.vsconsole.base.DataDirFiles;
import org.jspecify.annotations.Nullable;

/**
 * Writes one terminal session as asciicast v2 (the asciinema format): a JSON header line, then one
 * JSON array per event, {@code [seconds, "o"|"i"|"r", data]}. Output arrives as raw pty bytes in
 * arbitrary chunks, so a UTF-8 sequence split between two reads is carried over rather than
 * mangled. The SHA-256 of everything written is computed on the way, for the audit row.
 */
@DataDirFiles
final class AsciicastWriter implements Closeable {

    private final OutputStream out;
    private final MessageDigest digest;
    private final LongSupplier nanos;
    private final long startNanos;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer carry = ByteBuffer.allocate(0);
    private long written;
    private @Nullable String sha256;

    private AsciicastWriter(OutputStream file, LongSupplier nanos) {
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
        this.out = new DigestOutputStream(new BufferedOutputStream(file), digest);
        this.nanos = nanos;
        this.startNanos = nanos.getAsLong();
    }

    /** Creates {@code file} (which must not exist) and writes the header. */
    static AsciicastWriter create(Path file, int cols, int rows, Instant started, String title, LongSupplier nanos)
            throws IOException {
        OutputStream stream = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        AsciicastWriter writer = new AsciicastWriter(stream, nanos);
        writer.line("{\"version\": 2, \"width\": " + cols + ", \"height\": " + rows + ", \"timestamp\": "
                + started.getEpochSecond() + ", \"title\": " + json(title)
                + ", \"env\": {\"TERM\": \"xterm-256color\", \"SHELL\": \"/bin/sh\"}}");
        return writer;
    }

    /** What the terminal showed; returns it decoded, as the browser must be sent it. */
    synchronized String output(byte[] bytes, int length) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(carry.remaining() + length);
        in.put(carry).put(bytes, 0, length).flip();
        CharBuffer chars = CharBuffer.allocate(in.remaining() + 1);
        utf8.decode(in, chars, false);
        carry = ByteBuffer.allocate(in.remaining()).put(in).flip(); // the start of a split sequence
        chars.flip();
        String text = chars.toString();
        if (!text.isEmpty()) {
            event("o", text);
        }
        return text;
    }

    /** What was typed or pasted; only called when input recording is on. */
    synchronized void input(String text) throws IOException {
        event("i", text);
    }

    synchronized void resize(int cols, int rows) throws IOException {
        event("r", cols + "x" + rows);
    }

    private void event(String type, String data) throws IOException {
        double seconds = (nanos.getAsLong() - startNanos) / 1e9;
        line("[" + String.format(Locale.ROOT, "%.6f", seconds) + ", \"" + type + "\", " + json(data) + "]");
    }

    private void line(String json) throws IOException {
        if (sha256 != null) {
            throw new IOException("the recording is closed");
        }
        byte[] bytes = (json + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(bytes);
        out.flush(); // a console that dies keeps everything up to the last event
        written += bytes.length;
    }

    /** Ends the file; returns its SHA-256 in hex. Idempotent. */
    synchronized String finish() throws IOException {
        if (sha256 == null) {
            if (carry.hasRemaining()) {
                carry = ByteBuffer.allocate(0); // a sequence cut off by the end cannot be shown
            }
            out.close();
            sha256 = HexFormat.of().formatHex(digest.digest());
        }
        return sha256;
    }

    synchronized long bytes() {
        return written;
    }

    @Override
    public void close() throws IOException {
        finish();
    }

    /** A JSON string literal; control characters escaped so every event stays on one line. */
    static String json(String text) {
        StringBuilder s = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}

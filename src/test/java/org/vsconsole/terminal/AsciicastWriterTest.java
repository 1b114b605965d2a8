package org.vsconsole.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The recording format: asciicast v2 as asciinema reads it, timings, UTF-8 split across reads, the hash. */
class AsciicastWriterTest {

    @TempDir
    Path temp;

    final AtomicLong clock = new AtomicLong(1_000_000_000L);

    @Test
    void writesAHeaderLineThenTimedEvents() throws Exception {
        Path file = temp.resolve("s.cast");
        try (AsciicastWriter cast = AsciicastWriter.create(file, 100, 30, Instant.ofEpochSecond(1764500000),
                "web1 by alice", clock::get)) {
            clock.addAndGet(250_000_000L);
            byte[] out = "hello\r\n\u001b[1mbold\u001b[0m \"quoted\" \\ tab\t".getBytes(StandardCharsets.UTF_8);
            cast.output(out, out.length);
            clock.addAndGet(1_500_000_000L);
            cast.input("ls\r");
            cast.resize(120, 40);
        }
        List<String> lines = Files.readAllLines(file);
        JsonMapper json = JsonMapper.builder().build();
        JsonNode header = json.readTree(lines.get(0));
        assertThat(header.get("version").asInt()).isEqualTo(2);
        assertThat(header.get("width").asInt()).isEqualTo(100);
        assertThat(header.get("height").asInt()).isEqualTo(30);
        assertThat(header.get("timestamp").asLong()).isEqualTo(1764500000L);
        assertThat(header.get("title").asString()).isEqualTo("web1 by alice");

        JsonNode output = json.readTree(lines.get(1));
        assertThat(output.get(0).asDouble()).isEqualTo(0.25);
        assertThat(output.get(1).asString()).isEqualTo("o");
        assertThat(output.get(2).asString()).isEqualTo("hello\r\n\u001b[1mbold\u001b[0m \"quoted\" \\ tab\t");
        assertThat(lines.get(2)).isEqualTo("[1.750000, \"i\", \"ls\\r\"]");
        assertThat(lines.get(3)).isEqualTo("[1.750000, \"r\", \"120x40\"]");
        assertThat(lines).hasSize(4);
    }

    @Test
    void aCharacterSplitBetweenTwoReadsArrivesWhole() throws Exception {
        Path file = temp.resolve("utf8.cast");
        byte[] word = "grüße €".getBytes(StandardCharsets.UTF_8);
        try (AsciicastWriter cast = AsciicastWriter.create(file, 80, 24, Instant.now(), "t", clock::get)) {
            String first = cast.output(word, 3); // "gr" and the first byte of "ü"
            byte[] rest = java.util.Arrays.copyOfRange(word, 3, word.length);
            String second = cast.output(rest, rest.length);

            assertThat(first).isEqualTo("gr");
            assertThat(second).isEqualTo("üße €");
        }
        assertThat(Asciicast.read(file).outputText()).isEqualTo("grüße €");
    }

    @Test
    void theHashIsTheFilesSha256() throws Exception {
        Path file = temp.resolve("h.cast");
        AsciicastWriter cast = AsciicastWriter.create(file, 80, 24, Instant.now(), "t", clock::get);
        byte[] out = "x".getBytes(StandardCharsets.UTF_8);
        cast.output(out, 1);

        String sha = cast.finish();

        assertThat(sha).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
        assertThat(cast.finish()).isEqualTo(sha);
        assertThat(cast.bytes()).isEqualTo(Files.size(file));
    }

    @Test
    void everyEventStaysOnOneLineWhateverTheProgramPrints() throws Exception {
        Path file = temp.resolve("ctl.cast");
        byte[] nasty = "a\nb\u0000c\u2028d\u007f".getBytes(StandardCharsets.UTF_8);
        try (AsciicastWriter cast = AsciicastWriter.create(file, 80, 24, Instant.now(), "t\n2", clock::get)) {
            cast.output(nasty, nasty.length);
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(Asciicast.read(file).events().getFirst().data()).isEqualTo("a\nb\u0000c\u2028d\u007f");
    }

    @Test
    void searchTextLeavesOutColoursAndCursorMoves() throws Exception {
        Path file = temp.resolve("esc.cast");
        byte[] out = "\u001b[32mweb1\u001b[0m:\u001b[2K~# \u001b]0;title\u0007ok\r\n".getBytes(StandardCharsets.UTF_8);
        try (AsciicastWriter cast = AsciicastWriter.create(file, 80, 24, Instant.now(), "t", clock::get)) {
            cast.output(out, out.length);
        }
        assertThat(Asciicast.read(file).outputText()).isEqualTo("web1:~# ok\n");
    }
}

package org.vsconsole.terminal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import org.vsconsole.base.DataDirFiles;

/** Reads an asciicast v2 recording back: for text search and for checks in tests. */
@DataDirFiles
final class Asciicast {

    /** CSI, OSC and two-character escape sequences: colours and cursor moves are not text. */
    private static final Pattern ESCAPES = Pattern.compile(
            "\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)|\u001B[@-Z\\\\-_]");
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    record Event(double time, String type, String data) {
    }

    private final JsonNode header;
    private final List<Event> events;

    private Asciicast(JsonNode header, List<Event> events) {
        this.header = header;
        this.events = events;
    }

    static Asciicast read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty()) {
            throw new IOException(file + " is empty");
        }
        JsonNode header = JSON.readTree(lines.getFirst());
        if (header.path("version").asInt() != 2) {
            throw new IOException(file + " is not asciicast v2");
        }
        List<Event> events = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                JsonNode e = JSON.readTree(line);
                events.add(new Event(e.get(0).asDouble(), e.get(1).asString(), e.get(2).asString()));
            }
        }
        return new Asciicast(header, events);
    }

    JsonNode header() {
        return header;
    }

    List<Event> events() {
        return events;
    }

    /** Everything the terminal showed, without escape sequences and carriage returns. */
    String outputText() {
        StringBuilder all = new StringBuilder();
        events.stream().filter(e -> e.type().equals("o")).forEach(e -> all.append(e.data()));
        return ESCAPES.matcher(all).replaceAll("").replace("\r", "");
    }
}

package org.vsconsole.host.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.vsconsole.base.InvalidInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One request as the agent reads it: {@code {"v":1,"id":7,"op":"start","guest":"web1"}}. Every
 * accessor checks its field against a rule and refuses with the field's name; fields an operation
 * does not name are refused too, so a request means exactly what the agent reads in it.
 */
final class AgentRequest {

    static final int VERSION = 1;
    static final long MAX_ID = (1L << 53) - 1;
    private static final Pattern OP = Pattern.compile("[a-zA-Z]{1,32}");
    private static final Set<String> ENVELOPE = Set.of("v", "id", "op");
    /** A line of text without control characters but tab: what reaches argv and files. */
    private static final Pattern NO_CONTROLS = Pattern.compile("[^\\x00-\\x08\\x0a-\\x1f\\x7f]*");

    private final long id;
    private final String op;
    private final ObjectNode body;
    /** {@code request.} for an object nested in a request's field: refusals name the whole path. */
    private final String prefix;

    private AgentRequest(long id, String op, ObjectNode body, String prefix) {
        this.id = id;
        this.op = op;
        this.body = body;
        this.prefix = prefix;
    }

    /** Reads the envelope; the id is 0 when the frame has none the reply could name. */
    static AgentRequest parse(byte[] frame) {
        JsonNode node;
        try {
            node = AgentJson.MAPPER.readTree(frame);
        } catch (JacksonException e) {
            throw new InvalidInputException("frame", "must be one JSON object (" + e.getOriginalMessage() + ")");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new InvalidInputException("frame", "must be one JSON object");
        }
        AgentRequest envelope = new AgentRequest(0, "", object, "");
        long id = envelope.integer("id", 1, MAX_ID);
        AgentRequest request = new AgentRequest(id, "", object, "");
        long version = request.integer("v", 0, Integer.MAX_VALUE);
        if (version != VERSION) {
            throw new InvalidInputException("v", "this agent speaks protocol " + VERSION + ", not " + version);
        }
        String op = request.text("op", OP, "an operation name of 1-32 ASCII letters", 32);
        return new AgentRequest(id, op, object, "");
    }

    /** The id of a frame whose request was refused, if it had a usable one. */
    static long idOf(byte[] frame) {
        try {
            JsonNode id = AgentJson.MAPPER.readTree(frame).path("id");
            return id.canConvertToLong() && id.isIntegralNumber() && id.longValue() > 0 && id.longValue() <= MAX_ID ? id.longValue() : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    long id() {
        return id;
    }

    String op() {
        return op;
    }

    /** Refuses a field the operation does not take. */
    void allowOnly(Set<String> fields) {
        Iterator<Map.Entry<String, JsonNode>> it = body.properties().iterator();
        while (it.hasNext()) {
            String name = it.next().getKey();
            if (!(prefix.isEmpty() && ENVELOPE.contains(name)) && !fields.contains(name)) {
                throw new InvalidInputException(prefix + name, "is not a field of '" + op + "'"
                        + (fields.isEmpty() ? ", which takes none" : "; it takes " + String.join(", ", fields.stream().sorted().toList())));
            }
        }
    }

    boolean has(String field) {
        JsonNode n = body.get(field);
        return n != null && !n.isNull();
    }

    String text(String field, Pattern rule, String ruleText, int maxLength) {
        String value = optionalText(field, rule, ruleText, maxLength);
        if (value == null) {
            throw new InvalidInputException(prefix + field, "is required: " + ruleText);
        }
        return value;
    }

    @Nullable
    String optionalText(String field, Pattern rule, String ruleText, int maxLength) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isString()) {
            throw new InvalidInputException(prefix + field, "must be a string: " + ruleText);
        }
        String value = n.stringValue();
        if (value.length() > maxLength || !rule.matcher(value).matches()) {
            throw new InvalidInputException(prefix + field, ruleText);
        }
        return value;
    }

    /**
     * Bytes sent as standard base64 of at most {@code maxBytes}: the decoder is the allow-list
     * (it refuses any other character), and it is far cheaper than a pattern over a chunk of a tree.
     */
    byte[] base64(String field, int maxBytes) {
        JsonNode n = body.get(field);
        String rule = "base64 of at most " + (maxBytes >= 1024 ? maxBytes / 1024 + " KiB" : maxBytes + " bytes");
        if (n == null || !n.isString()) {
            throw new InvalidInputException(prefix + field, "is required: " + rule);
        }
        String value = n.stringValue();
        if (value.length() > (maxBytes + 2) / 3 * 4) {
            throw new InvalidInputException(prefix + field, rule);
        }
        try {
            return java.util.Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(prefix + field, rule);
        }
    }

    /** Free text for inside a guest (a command line, a key): bounded, no control characters but tab. */
    @Nullable
    String optionalLine(String field, int maxLength) {
        return optionalText(field, NO_CONTROLS, "at most " + maxLength + " characters without control characters", maxLength);
    }

    long integer(String field, long min, long max) {
        JsonNode n = body.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < min || n.longValue() > max) {
            throw new InvalidInputException(prefix + field, "must be a whole number in " + min + ".." + max);
        }
        return n.longValue();
    }

    /** A duration in milliseconds, 1 ms to an hour: no call waits longer than a build. */
    Duration millis(String field) {
        return Duration.ofMillis(integer(field, 1, Duration.ofHours(1).toMillis()));
    }

    List<String> texts(String field, Pattern rule, String ruleText, int maxItems, int maxLength) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray() || n.size() > maxItems) {
            throw new InvalidInputException(prefix + field, "must be a list of at most " + maxItems + " strings");
        }
        List<String> out = new ArrayList<>(n.size());
        for (JsonNode item : n) {
            if (!item.isString() || item.stringValue().length() > maxLength || !rule.matcher(item.stringValue()).matches()) {
                throw new InvalidInputException(prefix + field, "each item: " + ruleText);
            }
            out.add(item.stringValue());
        }
        return out;
    }

    List<String> lines(String field, int maxItems, int maxLength) {
        return texts(field, NO_CONTROLS, "at most " + maxLength + " characters without control characters", maxItems, maxLength);
    }

    /** The field as sent, for a value read whole by a strict reader ({@link ConfigWireFormat}); null when absent. */
    @Nullable
    JsonNode raw(String field) {
        return body.get(field);
    }

    /** A nested object, checked as a request of its own with the field's name as its prefix. */
    @Nullable
    AgentRequest object(String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!(n instanceof ObjectNode o)) {
            throw new InvalidInputException(prefix + field, "must be an object");
        }
        return new AgentRequest(id, op, o, prefix + field + ".");
    }
}

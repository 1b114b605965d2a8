package org.vsconsole.host.agent;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.config.AcceptedEntry;
import org.vsconsole.host.config.ConfigChange;
import org.vsconsole.host.config.NewGuest;
import org.vsconsole.host.config.PlannedFile;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/**
 * Config-tree writes as they cross the agent's socket: a {@link ConfigChange} as
 * {@code {"SetLimits": {...}}}, named by its own record type from a closed list, never a class
 * name the sender chooses. Values are read strictly (no unknown, missing or null-for-number
 * fields); what they mean is checked by the agent's writer against the grammar and its own tree,
 * exactly as a change made in the agent's process would be.
 */
final class ConfigWireFormat {

    static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");
    static final String DIGEST_RULE = "the SHA-256 digest of the guest's config as read: 64 lower-case hex digits";
    private static final Map<String, Class<? extends ConfigChange>> KINDS = Arrays.stream(ConfigChange.class.getPermittedSubclasses())
            .collect(Collectors.toMap(Class::getSimpleName, c -> c.asSubclass(ConfigChange.class), (a, b) -> a,
                    java.util.TreeMap::new));
    private static final Function<ObjectReader, ObjectReader> STRICT = r -> r.with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
            DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private ConfigWireFormat() {
    }

    static ObjectNode change(ConfigChange change) {
        ObjectNode wrapper = AgentJson.MAPPER.createObjectNode();
        wrapper.set(change.getClass().getSimpleName(), AgentJson.MAPPER.valueToTree(change));
        return wrapper;
    }

    static ConfigChange change(AgentRequest request, String field) {
        JsonNode wrapper = request.raw(field);
        if (!(wrapper instanceof ObjectNode o) || o.size() != 1) {
            throw new InvalidInputException(field, "must be an object with one field, the kind of change: one of " + KINDS.keySet());
        }
        String kind = o.propertyNames().iterator().next();
        Class<? extends ConfigChange> type = KINDS.get(kind);
        if (type == null) {
            throw new InvalidInputException(field, "'" + kind + "' is not a kind of change; one of " + KINDS.keySet());
        }
        return read(o.get(kind), STRICT.apply(AgentJson.MAPPER.readerFor(type)), field + "." + kind);
    }

    static NewGuest newGuest(AgentRequest request, String field) {
        return read(request.raw(field), STRICT.apply(AgentJson.MAPPER.readerFor(NewGuest.class)), field);
    }

    static Map<String, AcceptedEntry> accepted(AgentRequest request, String field) {
        return read(request.raw(field), STRICT.apply(AgentJson.MAPPER.readerFor(new TypeReference<Map<String, AcceptedEntry>>() {
        })), field);
    }

    static List<PlannedFile> planned(AgentRequest request, String field) {
        return read(request.raw(field), STRICT.apply(AgentJson.MAPPER.readerFor(new TypeReference<List<PlannedFile>>() {
        })), field);
    }

    private static <T> T read(@Nullable JsonNode node, ObjectReader reader, String field) {
        if (node == null || node.isNull()) {
            throw new InvalidInputException(field, "is required");
        }
        try {
            T value = reader.readValue(node);
            if (value == null) {
                throw new InvalidInputException(field, "is required");
            }
            return value;
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            String why = e instanceof JacksonException j ? j.getOriginalMessage() : String.valueOf(e.getMessage());
            throw new InvalidInputException(field, "is not a valid value: " + why);
        }
    }
}

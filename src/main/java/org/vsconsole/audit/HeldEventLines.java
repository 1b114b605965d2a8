package org.vsconsole.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;

/**
 * One held audit event as one JSON line of the spill file and back. Its own class because the
 * format outlives a run: a console restarted while the disk is still full reads what the last
 * run held, so the fields must be read as they were written.
 */
final class HeldEventLines {

    private final ObjectMapper json;

    HeldEventLines(ObjectMapper json) {
        this.json = json;
    }

    String line(HeldEvents.Held h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", h.id());
        m.put("at", h.at().toString());
        m.put("actor", h.actor().name());
        m.put("roles", h.actor().roles());
        m.put("client", h.actor().clientAddress());
        m.put("action", h.entry().action());
        m.put("guest", h.entry().target() == null ? null : h.entry().target().guest());
        m.put("xid", h.entry().target() == null ? null : h.entry().target().xid());
        m.put("detail", h.entry().target() == null ? null : h.entry().target().detail());
        m.put("before", h.entry().before());
        m.put("after", h.entry().after());
        m.put("outcome", h.entry().outcome().dbValue());
        m.put("message", h.entry().message());
        m.put("durationMs", h.entry().durationMs());
        m.put("correlationId", h.correlationId());
        return json.writeValueAsString(m);
    }

    /** The event of one line; a line that is not one fails with the reason. */
    HeldEvents.Held read(String text) {
        JsonNode n = json.readTree(text);
        Integer xid = n.path("xid").isNumber() ? n.path("xid").asInt() : null;
        AuditEntry entry = new AuditEntry(n.path("action").asText(), new AuditTarget(textOrNull(n, "guest"), xid,
                textOrNull(n, "detail")), n.path("before").isNull() ? null : n.path("before"),
                n.path("after").isNull() ? null : n.path("after"), Outcome.fromDb(n.path("outcome").asText()),
                textOrNull(n, "message"), n.path("durationMs").asLong());
        // a line of an older run has no id: one made of its text is the same at every replay
        String id = n.path("id").isTextual()
                ? n.path("id").asText()
                : java.util.UUID.nameUUIDFromBytes(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        return new HeldEvents.Held(id, Instant.parse(n.path("at").asText()), new Actor(n.path("actor").asText(),
                n.path("roles").asText(), textOrNull(n, "client")), entry, n.path("correlationId").asText());
    }

    private static @Nullable String textOrNull(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }
}

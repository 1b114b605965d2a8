package org.vsconsole.apidocs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import org.jspecify.annotations.Nullable;

/**
 * The API description as the API page shows it: operations by tag, each with its parameters,
 * body, answers and a curl line. Read from the packaged {@code openapi/openapi.json}, which
 * ApiContractTest keeps equal to what {@code /v3/api-docs} serves, so the page needs neither a
 * request to itself nor a browser-side renderer.
 */
record ApiDescription(String title, String version, String description, List<Section> sections) {

    static final String RESOURCE = "/openapi/openapi.json";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    record Section(String tag, String description, List<Op> operations) {
    }

    record Param(String name, String in, boolean required, String description) {
    }

    record Answer(String status, String description, String mediaType) {
    }

    record Op(String method, String path, String operationId, String summary, String description, List<Param> parameters,
            @Nullable String bodySchema, @Nullable String bodyExample, List<Answer> answers) {

        /** A curl line a script can start from: a token, the path, the body's example. */
        String curl() {
            StringBuilder curl = new StringBuilder("curl -sS");
            if (!method.equals("GET")) {
                curl.append(" -X ").append(method);
            }
            curl.append(" -H 'Authorization: Bearer $TOKEN'");
            if (bodyExample != null) {
                curl.append(" -H 'Content-Type: application/json' -d '")
                        .append(JSON.readTree(bodyExample).toString().replace("'", "'\\''")).append('\'');
            }
            return curl.append(" \"$CONSOLE").append(path).append('"').toString();
        }

        String text() {
            return (method + " " + path + " " + operationId + " " + summary + " " + description).toLowerCase();
        }
    }

    static ApiDescription load() {
        try (InputStream in = ApiDescription.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not packaged");
            }
            return parse(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String raw() {
        try (InputStream in = ApiDescription.class.getResourceAsStream(RESOURCE)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ApiDescription parse(JsonNode doc) {
        List<Section> sections = new ArrayList<>();
        for (JsonNode tag : doc.path("tags")) {
            String name = tag.path("name").asString();
            sections.add(new Section(name, tag.path("description").asString(""), operations(doc, name)));
        }
        JsonNode info = doc.path("info");
        return new ApiDescription(info.path("title").asString(), info.path("version").asString(),
                info.path("description").asString(""), sections);
    }

    int operationCount() {
        return sections.stream().mapToInt(s -> s.operations().size()).sum();
    }

    private static List<Op> operations(JsonNode doc, String tag) {
        List<Op> ops = new ArrayList<>();
        JsonNode paths = doc.path("paths");
        for (String path : paths.propertyNames()) {
            for (String method : paths.path(path).propertyNames()) {
                JsonNode op = paths.path(path).path(method);
                if (!METHODS.contains(method) || !tagged(op, tag)) {
                    continue;
                }
                List<Param> params = new ArrayList<>();
                for (JsonNode p : op.path("parameters")) {
                    params.add(new Param(p.path("name").asString(), p.path("in").asString(), p.path("required").asBoolean(false),
                            p.path("description").asString("")));
                }
                JsonNode body = op.path("requestBody").path("content").path("application/json").path("schema");
                String schemaName = body.has("$ref") ? body.path("$ref").asString().replaceFirst(".*/", "") : null;
                JsonNode example = schemaName == null
                        ? null
                        : doc.path("components").path("schemas").path(schemaName).get("example");
                List<Answer> answers = new ArrayList<>();
                for (String status : op.path("responses").propertyNames()) {
                    JsonNode answer = op.path("responses").path(status);
                    String media = answer.path("content").propertyNames().stream().findFirst().orElse("");
                    answers.add(new Answer(status, answer.path("description").asString(""), media));
                }
                ops.add(new Op(method.toUpperCase(), path, op.path("operationId").asString(), op.path("summary").asString(),
                        op.path("description").asString(""), params, schemaName,
                        example == null ? null : JSON.writeValueAsString(example), answers));
            }
        }
        ops.sort(java.util.Comparator.comparing(Op::path).thenComparing(Op::method));
        return ops;
    }

    private static boolean tagged(JsonNode op, String tag) {
        for (JsonNode t : op.path("tags")) {
            if (t.asString().equals(tag)) {
                return true;
            }
        }
        return false;
    }
}

package org.vsconsole.apidocs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The rules of Redocly CLI's {@code recommended} ruleset that can be checked on a parsed
 * document, in Java, so the build needs no Node. Rule names and severities follow Redocly's, so
 * a finding reads the same as the linter's; a few rules this console adds for its own contract
 * (every operation described and tagged with a declared tag, every error documented as a
 * problem) are errors too, and named {@code console-*}.
 */
final class OpenApiLint {

    enum Severity {
        ERROR, WARNING
    }

    record Finding(Severity severity, String rule, String where, String message) {

        @Override
        public String toString() {
            return severity.name().toLowerCase() + "  " + rule + "  " + where + ": " + message;
        }
    }

    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}/]+)}");
    private static final Pattern URL_SAFE = Pattern.compile("^[A-Za-z0-9_.~:-]+$");
    static final String PROBLEM = "application/problem+json";

    private final JsonNode doc;
    private final List<Finding> findings = new ArrayList<>();

    private OpenApiLint(JsonNode doc) {
        this.doc = doc;
    }

    static List<Finding> check(JsonNode doc) {
        OpenApiLint lint = new OpenApiLint(doc);
        lint.run();
        return lint.findings;
    }

    private void error(String rule, String where, String message) {
        findings.add(new Finding(Severity.ERROR, rule, where, message));
    }

    private void warn(String rule, String where, String message) {
        findings.add(new Finding(Severity.WARNING, rule, where, message));
    }

    private void run() {
        if (!doc.path("openapi").asString("").startsWith("3.")) {
            error("spec", "#/openapi", "must be an OpenAPI 3.x document");
        }
        if (doc.path("info").path("title").asString("").isBlank() || doc.path("info").path("version").asString("").isBlank()) {
            error("spec", "#/info", "title and version are required");
        }
        info();
        servers();
        Set<String> declaredTags = tags();
        Set<String> schemes = new HashSet<>();
        doc.path("components").path("securitySchemes").propertyNames().forEach(schemes::add);
        boolean globalSecurity = securityList(doc.path("security"), "#/security", schemes);
        operations(declaredTags, schemes, globalSecurity);
        unusedComponents();
        unresolvedRefs(doc, "#");
        schemaExamples();
    }

    /** Redocly's no-invalid-schema-examples, for the members of a schema's example: each has its property's type. */
    private void schemaExamples() {
        JsonNode schemas = doc.path("components").path("schemas");
        for (String name : schemas.propertyNames()) {
            JsonNode example = schemas.path(name).get("example");
            if (example == null || !example.isObject()) {
                continue;
            }
            JsonNode properties = schemas.path(name).path("properties");
            for (String member : example.propertyNames()) {
                JsonNode type = properties.path(member).path("type");
                if (type.isString() && !fits(example.get(member), type.asString())) {
                    warn("no-invalid-schema-examples", "#/components/schemas/" + name + "/example/" + member,
                            "must be of type " + type.asString());
                }
            }
        }
    }

    private static boolean fits(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isString();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> true;
        };
    }

    private void info() {
        JsonNode license = doc.path("info").path("license");
        if (license.isMissingNode()) {
            warn("info-license", "#/info", "no license");
        } else if (license.path("url").asString("").isBlank() && license.path("identifier").asString("").isBlank()) {
            warn("info-license-url", "#/info/license", "no license url");
        }
    }

    private void servers() {
        JsonNode servers = doc.path("servers");
        if (servers.isArray() && servers.isEmpty()) {
            error("no-empty-servers", "#/servers", "servers must not be empty");
        }
        for (JsonNode server : servers) {
            String url = server.path("url").asString("");
            if (url.contains("example.com")) {
                warn("no-server-example.com", "#/servers", url);
            }
            if (url.length() > 1 && url.endsWith("/")) {
                error("no-server-trailing-slash", "#/servers", url);
            }
        }
    }

    private Set<String> tags() {
        Set<String> declared = new HashSet<>();
        for (JsonNode tag : doc.path("tags")) {
            String name = tag.path("name").asString("");
            declared.add(name);
            if (tag.path("description").asString("").isBlank()) {
                warn("tag-description", "#/tags/" + name, "tag has no description");
            }
        }
        return declared;
    }

    /** Answers whether the list requires at least one scheme; reports schemes that are not defined. */
    private boolean securityList(JsonNode security, String where, Set<String> schemes) {
        boolean any = false;
        for (JsonNode requirement : security) {
            for (String name : requirement.propertyNames()) {
                any = true;
                if (!schemes.contains(name)) {
                    error("security-defined", where, "security scheme '" + name + "' is not defined");
                }
            }
        }
        return any;
    }

    private void operations(Set<String> declaredTags, Set<String> schemes, boolean globalSecurity) {
        Map<String, String> operationIds = new HashMap<>();
        Set<String> normalizedPaths = new HashSet<>();
        for (String path : doc.path("paths").propertyNames()) {
            String where = "#/paths/" + path;
            if (path.length() > 1 && path.endsWith("/")) {
                error("no-path-trailing-slash", where, "path ends with a slash");
            }
            if (path.contains("?")) {
                error("path-not-include-query", where, "path contains a query string");
            }
            if (!normalizedPaths.add(TEMPLATE.matcher(path).replaceAll("{}"))) {
                error("no-identical-paths", where, "identical to another path but for parameter names");
            }
            JsonNode item = doc.path("paths").path(path);
            for (String method : item.propertyNames()) {
                if (METHODS.contains(method)) {
                    operation(path, method, item, item.path(method), declaredTags, schemes, globalSecurity, operationIds);
                }
            }
        }
    }

    private void operation(String path, String method, JsonNode item, JsonNode op, Set<String> declaredTags,
            Set<String> schemes, boolean globalSecurity, Map<String, String> operationIds) {
        String where = method.toUpperCase() + " " + path;
        if (op.path("summary").asString("").isBlank()) {
            error("operation-summary", where, "no summary");
        }
        if (op.path("description").asString("").isBlank()) {
            error("console-operation-description", where, "no description");
        }
        String id = op.path("operationId").asString("");
        if (id.isBlank()) {
            warn("operation-operationId", where, "no operationId");
        } else {
            String previous = operationIds.putIfAbsent(id, where);
            if (previous != null) {
                error("operation-operationId-unique", where, "operationId '" + id + "' also used by " + previous);
            }
            if (!URL_SAFE.matcher(id).matches()) {
                error("operation-operationId-url-safe", where, "operationId '" + id + "' is not URL-safe");
            }
        }
        if (!op.path("tags").isArray() || op.path("tags").isEmpty()) {
            error("console-operation-tagged", where, "no tag");
        }
        for (JsonNode tag : op.path("tags")) {
            if (!declaredTags.contains(tag.asString())) {
                error("console-operation-tag-defined", where, "tag '" + tag.asString() + "' is not declared in #/tags");
            }
        }
        boolean secured = op.has("security") ? securityList(op.path("security"), where, schemes) : globalSecurity;
        if (!secured) {
            error("security-defined", where, "no security requirement (and none global)");
        }
        parameters(where, path, item, op);
        responses(where, op.path("responses"));
    }

    private void parameters(String where, String path, JsonNode item, JsonNode op) {
        Set<String> seen = new HashSet<>();
        Set<String> pathParams = new TreeSet<>();
        List<JsonNode> all = new ArrayList<>();
        item.path("parameters").forEach(all::add);
        op.path("parameters").forEach(all::add);
        for (JsonNode p : op.path("parameters")) {
            JsonNode resolved = resolve(p);
            if (!seen.add(resolved.path("in").asString() + ":" + resolved.path("name").asString())) {
                error("operation-parameters-unique", where, "parameter '" + resolved.path("name").asString()
                        + "' declared twice");
            }
        }
        for (JsonNode p : all) {
            JsonNode resolved = resolve(p);
            if (resolved.path("in").asString("").equals("path")) {
                pathParams.add(resolved.path("name").asString());
                if (!resolved.path("required").asBoolean(false)) {
                    error("spec", where, "path parameter '" + resolved.path("name").asString() + "' must be required");
                }
            }
        }
        Set<String> templated = new TreeSet<>();
        Matcher m = TEMPLATE.matcher(path);
        while (m.find()) {
            templated.add(m.group(1));
        }
        for (String name : templated) {
            if (!pathParams.contains(name)) {
                error("path-parameters-defined", where, "path parameter '" + name + "' is not declared");
            }
        }
        for (String name : pathParams) {
            if (!templated.contains(name)) {
                error("path-parameters-defined", where, "declared path parameter '" + name + "' is not in the path");
            }
        }
    }

    private void responses(String where, JsonNode responses) {
        boolean success = false;
        boolean clientError = false;
        for (String code : responses.propertyNames()) {
            if (code.startsWith("2") || code.startsWith("3")) {
                success = true;
            }
            if (code.startsWith("4")) {
                clientError = true;
            }
            JsonNode response = resolve(responses.path(code));
            if ((code.startsWith("4") || code.startsWith("5")) && !response.path("content").has(PROBLEM)) {
                error("console-problem-details", where + " " + code, "an error answer must be documented as " + PROBLEM);
            }
        }
        if (!success) {
            warn("operation-2xx-response", where, "no 2xx/3xx response");
        }
        if (!clientError) {
            warn("operation-4xx-response", where, "no 4xx response");
        }
    }

    private void unusedComponents() {
        String text = doc.toString();
        JsonNode components = doc.path("components");
        for (String kind : List.of("schemas", "responses", "parameters", "examples", "requestBodies", "headers")) {
            for (String name : components.path(kind).propertyNames()) {
                if (!text.contains("\"#/components/" + kind + "/" + name + "\"")) {
                    warn("no-unused-components", "#/components/" + kind + "/" + name, "never referenced");
                }
            }
        }
    }

    private void unresolvedRefs(JsonNode node, String where) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isString() && resolvePointer(ref.asString()).isMissingNode()) {
                error("no-unresolved-refs", where, "cannot resolve " + ref.asString());
            }
            for (String name : node.propertyNames()) {
                unresolvedRefs(node.get(name), where + "/" + name);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                unresolvedRefs(node.get(i), where + "/" + i);
            }
        }
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : resolvePointer(ref.asString());
    }

    private JsonNode resolvePointer(String ref) {
        if (!ref.startsWith("#/")) {
            return tools.jackson.databind.node.MissingNode.getInstance();
        }
        return doc.at(ref.substring(1));
    }
}

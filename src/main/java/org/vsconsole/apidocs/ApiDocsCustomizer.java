package org.vsconsole.apidocs;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.vsconsole.base.ApiErrors;
import org.vsconsole.base.ApiProblem;

/**
 * Makes every operation list the errors it can answer, each a problem: those any call can get
 * (401 not signed in, 403 role/guest/read-only token/password change, 500), 400 where the call
 * takes input, 413 where it takes a body, and the ones its method declares with
 * {@link ApiErrors}. Responses are sorted by code so the description is stable to compare.
 */
@Component
class ApiDocsCustomizer implements GlobalOperationCustomizer, GlobalOpenApiCustomizer {

    static final String PROBLEM_SCHEMA = "Problem";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM_SCHEMA;

    private static final Map<Integer, String> WHY = Map.of(
            400, "Bad input: `field` names the parameter or body member, `rule` the rule it broke; nothing changed.",
            401, "Not signed in, a wrong password, or an unknown, expired or revoked API token.",
            403, "The caller's role or guests do not allow this, a read-only token tried to write, or the"
                    + " caller must change their initial password first.",
            404, "No such thing, or one the caller may not see (both answer the same).",
            409, "The current state forbids this now (for example the guest runs already), or the `digest` sent is"
                    + " stale: `changedFiles` lists what changed since it was read; nothing changed.",
            412, "`If-Match` names an older ETag than the guest's current one (answered as `ETag` and"
                    + " `currentEtag`); nothing changed.",
            413, "The request body is over 1 MB.",
            500, "The host or the console failed; `message` says what failed (host operations name the command).");

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        Set<Integer> codes = new java.util.TreeSet<>(Set.of(401, 403, 500));
        boolean takesInput = operation.getRequestBody() != null
                || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        if (takesInput) {
            codes.add(400);
        }
        if (operation.getRequestBody() != null) {
            codes.add(413);
        }
        ApiErrors declared = handler.getMethodAnnotation(ApiErrors.class);
        if (declared != null) {
            for (int code : declared.value()) {
                codes.add(code);
            }
        }
        for (int code : codes) {
            responses.putIfAbsent(Integer.toString(code), problem(WHY.getOrDefault(code, "Error " + code)));
        }
        TreeMap<String, ApiResponse> sorted = new TreeMap<>(responses);
        ApiResponses ordered = new ApiResponses();
        sorted.forEach(ordered::addApiResponse);
        operation.setResponses(ordered);
        return operation;
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(ApiProblem.MEDIA_TYPE,
                new MediaType().schema(new Schema<>().$ref(PROBLEM_REF))));
    }

    @Override
    public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
        openApi.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
        nameRoles(openApi);
    }

    /**
     * A user's roles are a set of an enum; inlined there, the generated Java client does not
     * compile (its generator mishandles a set of inline enums), so the role becomes a named schema.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void nameRoles(io.swagger.v3.oas.models.OpenAPI openApi) {
        Schema account = openApi.getComponents().getSchemas() == null
                ? null
                : openApi.getComponents().getSchemas().get("UserAccount");
        if (account == null || account.getProperties() == null || !(account.getProperties().get("roles") instanceof Schema roles)
                || roles.getItems() == null || roles.getItems().getEnum() == null) {
            return;
        }
        Schema role = new Schema<>();
        role.type("string").types(Set.of("string")).description("A role of the console");
        role.setEnum(roles.getItems().getEnum());
        openApi.getComponents().addSchemas("Role", role);
        roles.setItems(new Schema<>().$ref("#/components/schemas/Role"));
    }

    private static Schema<Object> problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", string("A URN naming the kind of problem: urn:vsconsole:problem:<error>."));
        properties.put("title", string("The HTTP status's phrase."));
        properties.put("status", new Schema<>().type("integer").types(Set.of("integer")).description("The HTTP status."));
        properties.put("detail", string("What went wrong, for a person."));
        properties.put("instance", string("The request's path, when known."));
        properties.put("error", string("A stable code for scripts (invalid-input, conflict, precondition-failed,"
                + " unauthorized, forbidden, payload-too-large, not-found, host-operation-failed...)."));
        properties.put("message", string("Same as detail; kept for scripts written before problem details."));
        properties.put("field", string("The parameter, header or body member that broke a rule."));
        properties.put("rule", string("The rule it broke."));
        Schema<Object> schema = new Schema<>();
        schema.type("object").types(Set.of("object"));
        schema.description("An error (RFC 9457 problem details). Other members may be present: a stale digest"
                + " answers guest, expectedDigest, actualDigest and changedFiles; a stale If-Match currentEtag.");
        schema.setProperties(properties);
        schema.required(java.util.List.of("type", "title", "status", "error", "message"));
        schema.setExample(Map.of("type", "urn:vsconsole:problem:invalid-input", "title", "Bad Request", "status", 400,
                "detail", "ip: must be a dotted IPv4 address without leading zeros", "error", "invalid-input",
                "message", "ip: must be a dotted IPv4 address without leading zeros", "field", "ip",
                "rule", "must be a dotted IPv4 address without leading zeros"));
        return schema;
    }

    private static Schema<Object> string(String description) {
        Schema<Object> s = new Schema<>();
        s.type("string").types(Set.of("string")).description(description);
        return s;
    }
}

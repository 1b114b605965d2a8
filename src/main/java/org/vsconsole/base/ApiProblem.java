package org.vsconsole.base;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.jspecify.annotations.Nullable;

/**
 * The one shape of every API error: RFC 9457 problem details ({@code application/problem+json}).
 * Besides the standard members it keeps the members scripts read before problem details existed:
 * {@code error} (a stable code, also the last part of {@code type}), {@code message}, and, for a
 * broken rule, {@code field} and {@code rule}. Filters that answer before Spring MVC (sign-in,
 * body size) write the same shape through {@link #write}.
 */
public final class ApiProblem {

    /** The media type of every error answer. */
    public static final String MEDIA_TYPE = MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    /** Problem types are URNs: they identify, and nothing needs to be served at them. */
    public static final String TYPE_PREFIX = "urn:vsconsole:problem:";

    private ApiProblem() {
    }

    /** A problem with the extra members in the order given ({@code null} values are left out). */
    public static ProblemDetail of(HttpStatus status, String error, String message, Map<String, ?> extra) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
        problem.setType(URI.create(TYPE_PREFIX + error));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("error", error);
        problem.setProperty("message", message);
        extra.forEach((k, v) -> {
            if (v != null) {
                problem.setProperty(k, v);
            }
        });
        return problem;
    }

    public static ProblemDetail of(HttpStatus status, String error, String message) {
        return of(status, error, message, Map.of());
    }

    /** A broken rule: {@code field} and {@code rule} as their own members. */
    public static ProblemDetail rule(HttpStatus status, String error, String field, String rule, String message) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("field", field);
        extra.put("rule", rule);
        return of(status, error, message, extra);
    }

    public static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /**
     * Writes a problem from a servlet filter, where no message converter runs. The body is built
     * by hand so a filter that answers before Spring MVC needs no JSON mapper.
     */
    public static void write(HttpServletResponse response, HttpStatus status, String error, String message,
            @Nullable String field, @Nullable String rule) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        StringBuilder json = new StringBuilder(256).append('{');
        member(json, "type", TYPE_PREFIX + error).append(',');
        member(json, "title", status.getReasonPhrase()).append(',');
        json.append("\"status\":").append(status.value()).append(',');
        member(json, "detail", message).append(',');
        member(json, "error", error).append(',');
        member(json, "message", message);
        if (field != null) {
            member(json.append(','), "field", field);
        }
        if (rule != null) {
            member(json.append(','), "rule", rule);
        }
        response.getWriter().write(json.append('}').toString());
    }

    public static void write(HttpServletResponse response, HttpStatus status, String error, String message)
            throws IOException {
        write(response, status, error, message, null, null);
    }

    private static StringBuilder member(StringBuilder json, String name, @Nullable String value) {
        json.append('"').append(name).append("\":\"");
        String text = value == null ? "" : value;
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}

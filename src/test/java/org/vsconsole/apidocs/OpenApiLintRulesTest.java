package org.vsconsole.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The lint finds what it is there to find: a spec with the faults the issue named fails it. */
class OpenApiLintRulesTest {

    private static List<String> rules(String json) {
        return OpenApiLint.check(JsonMapper.builder().build().readTree(json)).stream()
                .map(OpenApiLint.Finding::rule).toList();
    }

    @Test
    void anUndocumentedOperationIsFoundOnEveryCount() {
        List<String> rules = rules("""
                {"openapi":"3.1.0","info":{"title":"t","version":"1"},
                 "components":{"schemas":{"Unused":{"type":"object","properties":{"n":{"type":"string"}},
                   "example":{"n":null}}}},
                 "paths":{"/a/{id}":{"get":{"operationId":"x","tags":["nope"],
                    "responses":{"200":{"description":"ok"},"404":{"description":"no"}}}},
                          "/b":{"post":{"operationId":"x","responses":{"200":{"description":"ok"}}}}}}""");
        assertThat(rules).contains("operation-summary", "console-operation-description", "security-defined",
                "path-parameters-defined", "operation-operationId-unique", "console-operation-tag-defined",
                "console-operation-tagged", "console-problem-details", "operation-4xx-response", "no-unused-components",
                "info-license", "no-invalid-schema-examples");
    }

    @Test
    void aCompleteOperationPasses() {
        List<String> rules = rules("""
                {"openapi":"3.1.0","info":{"title":"t","version":"1","license":{"name":"MIT","url":"https://x.org"}},
                 "tags":[{"name":"T","description":"d"}],
                 "security":[{"basic":[]}],
                 "components":{"securitySchemes":{"basic":{"type":"http","scheme":"basic"}},
                   "schemas":{"Problem":{"type":"object"}}},
                 "paths":{"/a/{id}":{"get":{"operationId":"getA","summary":"s","description":"d","tags":["T"],
                    "parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string"}}],
                    "responses":{"200":{"description":"ok"},"400":{"description":"bad","content":{
                      "application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}}}}}}}""");
        assertThat(rules).isEmpty();
    }
}

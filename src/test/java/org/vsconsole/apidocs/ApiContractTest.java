package org.vsconsole.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.context.WebApplicationContext;
import org.vsconsole.ConsoleSpringTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The checked-in {@code src/main/openapi/openapi.json}, from which the build generates the Java
 * client the API journey uses, is exactly what the console serves at {@code /v3/api-docs}: a
 * change to the API that is not carried into the checked-in description fails here, so the
 * generated client, the description and the server cannot drift apart.
 */
@ConsoleSpringTest
class ApiContractTest {

    static final Path CHECKED_IN = Path.of("src", "main", "openapi", "openapi.json");
    static final Path SERVED_COPY = Path.of("target", "openapi", "served.json");

    @Autowired
    WebApplicationContext context;

    @Test
    void theCheckedInDescriptionIsTheServedOne() throws Exception {
        JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        JsonNode served = OpenApiLintTest.served(context);
        JsonNode checkedIn = Files.exists(CHECKED_IN) ? json.readTree(Files.readString(CHECKED_IN)) : null;
        if (!served.equals(checkedIn)) {
            Files.createDirectories(SERVED_COPY.getParent());
            Files.writeString(SERVED_COPY, json.writeValueAsString(served) + "\n", StandardCharsets.UTF_8);
        }
        assertThat(served).as("""
                The API changed but %s did not. Review the served description and take it:
                    cp %s %s
                then build again: the client used by ApiClientJourneyIT is generated from it.""".formatted(
                CHECKED_IN, SERVED_COPY, CHECKED_IN)).isEqualTo(checkedIn);
    }
}

package org.vsconsole.apidocs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the API description says about the API as a whole: how to sign in (HTTP Basic for people,
 * Bearer API tokens for scripts), the tags of the features, and a relative server, so the same
 * description holds for every console whatever its address.
 */
@Configuration
class OpenApiConfig {

    static {
        // Paths are written as strings (Jackson's form), not as the object graph of java.nio.file.Path.
        org.springdoc.core.utils.SpringDocUtils.getConfig().replaceWithClass(java.nio.file.Path.class, String.class);
    }

    static final String BASIC = "basicAuth";
    static final String BEARER = "bearerToken";

    /** Each feature's tag; an operation names one of these with {@code @Tag}. */
    static final List<Tag> TAGS = List.of(
            tag(ApiTags.GUESTS, "List guests, read a guest's configuration (ETag), start, stop, restart, delete, exec."),
            tag(ApiTags.CREATION, "Create a guest: validated at once, built as a job."),
            tag(ApiTags.LIMITS, "Resource limits, the tmpfs size, disk limits and limit presets of guests."),
            tag(ApiTags.MONITORING, "Live figures of running contexts and each guest's history."),
            tag(ApiTags.SYNC, "Drift between the console and a guest's config tree: accept, restore, adopt."),
            tag(ApiTags.UPDATES, "Package updates in guests, as jobs."),
            tag(ApiTags.JOBS, "Long-running work (creation, updates): state, log, cancel."),
            tag(ApiTags.AUDIT, "The hash-chained audit log: search, verify, re-anchor."),
            tag(ApiTags.HOSTS, "This host and the hosts the console reaches over SSH: their state, facts and guests."),
            tag(ApiTags.TERMINAL, "Recorded terminal sessions, for auditors."),
            tag(ApiTags.ACCOUNT, "The signed-in user: who they are, their password."),
            tag(ApiTags.TOKENS, "The caller's API tokens for scripts (Bearer)."));

    @Bean
    OpenAPI consoleOpenApi() {
        return new OpenAPI()
                .info(new Info().title("VServer Console API").version("v1")
                        .description("""
                                Administration of Linux-VServer / LXC guests. People sign in with HTTP Basic \
                                (their console password); scripts use an API token as `Authorization: Bearer …`, \
                                made with `POST /api/v1/me/tokens`. Every error is a problem (RFC 9457, \
                                `application/problem+json`) with `error`, `message` and, for a broken rule, \
                                `field` and `rule`. A guest answers its ETag; send it as `If-Match` on a write \
                                and a stale one answers 412 and changes nothing. Collections take `offset` and \
                                `limit` and answer `X-Total-Count` where the total is cheap."""))
                .servers(List.of(new Server().url("/").description("this console")))
                .components(new Components()
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("A person's user name and console password."))
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("vsc API token")
                                .description("An API token from POST /api/v1/me/tokens; a read-only token may only GET.")))
                .security(List.of(new SecurityRequirement().addList(BASIC), new SecurityRequirement().addList(BEARER)))
                .tags(TAGS);
    }

    private static Tag tag(String name, String description) {
        return new Tag().name(name).description(description);
    }
}

package org.vsconsole.provisioning.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.vsconsole.apidocs.ApiTags;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.vsconsole.base.ApiErrors;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.headers.Header;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vsconsole.jobs.Job;
import org.vsconsole.provisioning.CreateGuestRequest;
import org.vsconsole.provisioning.GuestCreationService;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /api/v1/guests}: creates a guest as a job and answers 202 with the job and its
 * location. Roles, validation and audit are the service's, so REST and the wizard agree.
 */
@RestController
@RequestMapping("/api/v1/guests")
@Tag(name = ApiTags.CREATION)
class GuestCreationController {

    /**
     * The JSON body. Numbers may be sent as JSON numbers or strings; both reach the grammar as
     * text, so {@code "0x10"} is refused by name rather than by a parser's error.
     */
    @Schema(name = "CreateGuestRequest", example = """
            {"name":"web1","hostname":"web1","context":"1001","ip":"10.238.0.2","prefix":"24",\
            "build":{"method":"skeleton"},"start":false,"limits":{"nproc":{"soft":"200","hard":"300"}}}""")
    record Body(String name, String hostname, String domain, String ip, String prefix,
            @JsonProperty("interface") String interfaceName, String context, Build build, Boolean start,
            Map<String, Limit> limits) {
    }

    /** {@code rootPassword} is write-only: it is never echoed or stored in clear. */
    @Schema(name = "BuildOptions", description = "How the root is built: method skeleton, debootstrap, ...")
    record Build(String method, String source, String dist, String mirror, String rootPassword, String sshKeys,
            java.util.List<String> packages, String postInstall) {

        @Override
        public String toString() {
            return "Build[method=" + method + ", dist=" + dist + "]";
        }
    }

    @Schema(name = "GuestLimitValues")
    record Limit(String soft, String hard) {
    }

    private final GuestCreationService creation;

    GuestCreationController(GuestCreationService creation) {
        this.creation = creation;
    }

    @PostMapping
    @Operation(operationId = "createGuest", summary = "Create a guest", description = "Checks the whole request at once (400 naming the first field that breaks a rule), then"
            + " builds the guest as a job and answers 202 with the job; follow it at the Location."
            + " ADMIN and OPERATOR. 409 when the name, context or address is taken.")
    @ApiResponse(responseCode = "202", description = "The creation job", headers = @Header(name = "Location", description = "The job", schema = @Schema(type = "string")))
    @ApiErrors({409})
    ResponseEntity<Job> create(@RequestBody Body body) {
        Job job = creation.create(toRequest(body));
        return ResponseEntity.accepted().location(URI.create("/api/v1/jobs/" + job.id())).body(job);
    }

    private static @Nullable CreateGuestRequest toRequest(@Nullable Body b) {
        if (b == null) {
            return null;
        }
        CreateGuestRequest.Build build = b.build() == null
                ? null
                : new CreateGuestRequest.Build(b.build().method(), b.build().source(), b.build().dist(), b.build().mirror(),
                        b.build().rootPassword(), b.build().sshKeys(), b.build().packages(), b.build().postInstall());
        Map<String, CreateGuestRequest.Limit> limits = new LinkedHashMap<>();
        if (b.limits() != null) {
            b.limits().forEach((k, v) -> limits.put(k, v == null ? null : new CreateGuestRequest.Limit(v.soft(), v.hard())));
        }
        return new CreateGuestRequest(b.name(), b.hostname(), b.domain(), b.ip(), b.prefix(), b.interfaceName(),
                b.context(), build, Boolean.TRUE.equals(b.start()), limits);
    }
}

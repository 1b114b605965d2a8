package org.vsconsole.provisioning.api;

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

/**
 * {@code POST /api/v1/guests}: creates a guest as a job and answers 202 with the job and its
 * location. Roles, validation and audit are the service's, so REST and the wizard agree.
 */
@RestController
@RequestMapping("/api/v1/guests")
class GuestCreationController {

    /**
     * The JSON body. Numbers may be sent as JSON numbers or strings; both reach the grammar as
     * text, so {@code "0x10"} is refused by name rather than by a parser's error.
     */
    record Body(String name, String hostname, String domain, String ip, String prefix,
            @JsonProperty("interface") String interfaceName, String context, Build build, Boolean start,
            Map<String, Limit> limits) {
    }

    /** {@code rootPassword} is write-only: it is never echoed or stored in clear. */
    record Build(String method, String source, String dist, String mirror, String rootPassword, String sshKeys,
            java.util.List<String> packages, String postInstall) {

        @Override
        public String toString() {
            return "Build[method=" + method + ", dist=" + dist + "]";
        }
    }

    record Limit(String soft, String hard) {
    }

    private final GuestCreationService creation;

    GuestCreationController(GuestCreationService creation) {
        this.creation = creation;
    }

    @PostMapping
    ResponseEntity<Job> create(@RequestBody Body body) {
        Job job = creation.create(toRequest(body));
        return ResponseEntity.accepted().location(URI.create("/api/v1/jobs/" + job.id())).body(job);
    }

    private static CreateGuestRequest toRequest(Body b) {
        if (b == null) {
            return null;
        }
        CreateGuestRequest.Build build = b.build() == null ? null
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

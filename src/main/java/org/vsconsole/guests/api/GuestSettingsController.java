package org.vsconsole.guests.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vsconsole.apidocs.ApiTags;
import org.vsconsole.base.ApiErrors;
import org.vsconsole.base.IfMatch;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.guests.GuestService;
import org.vsconsole.guests.GuestSettingsService;
import org.vsconsole.host.config.GuestConfig;
import org.jspecify.annotations.Nullable;

/**
 * Editing an existing guest's host name, context and addresses over REST (GuestSettingsService):
 * every write names the version it was made on, by {@code If-Match} or a {@code digest} in the body.
 */
@RestController
@RequestMapping("/api/v1/guests/{name}")
@Tag(name = ApiTags.GUESTS)
class GuestSettingsController {

    static final String DIGEST_DOC = "The guest's digest (ETag) as read; required here or as If-Match.";

    @Schema(example = "{\"hostname\":\"web1\",\"domain\":\"example.org\",\"digest\":\"9f2c…\"}")
    record HostNameRequest(@Nullable String hostname, @Schema(description = "empty: none") @Nullable String domain,
            @Schema(description = DIGEST_DOC) @Nullable String digest) {
    }

    @Schema(example = "{\"context\":\"40123\",\"digest\":\"9f2c…\"}")
    record ContextRequest(@Nullable String context, @Schema(description = DIGEST_DOC) @Nullable String digest) {
    }

    @Schema(example = "{\"ip\":\"10.88.0.20\",\"prefix\":\"24\",\"dev\":\"eth0\",\"digest\":\"9f2c…\"}")
    record AddressRequest(@Nullable String ip, @Nullable String prefix,
            @Schema(description = "host device for util-vserver; empty: none") @Nullable String dev,
            @Schema(description = DIGEST_DOC) @Nullable String digest) {
    }

    @Schema(description = "The configuration as written and when the guest sees it.")
    record Saved(String takesEffect, GuestConfig guest) {
    }

    private final GuestSettingsService settings;
    private final GuestService guests;

    GuestSettingsController(GuestSettingsService settings, GuestService guests) {
        this.settings = settings;
        this.guests = guests;
    }

    @PutMapping("/hostname")
    @Operation(operationId = "setGuestHostName", summary = "Change a guest's host name", description = "Writes uts/nodename (and uts/domainname, or removes it when empty). Takes effect at the"
            + " guest's next start. ADMIN and OPERATOR; audited.")
    @ApiErrors({409, 412})
    ResponseEntity<Saved> hostName(@PathVariable String name, @RequestBody HostNameRequest body,
            @Parameter(description = GuestController.IF_MATCH_DOC) @RequestHeader(value = "If-Match", required = false) @Nullable String ifMatch) {
        HostNameRequest r = required(body, "hostname and digest");
        return answer(settings.setHostName(name, r.hostname(), r.domain(), expected(name, ifMatch, r.digest())));
    }

    @PutMapping("/context")
    @Operation(operationId = "setGuestContext", summary = "Change a guest's context id", description = "Writes context. Refused (409) while the guest runs or when another guest holds the id."
            + " ADMIN and OPERATOR; audited.")
    @ApiErrors({409, 412})
    ResponseEntity<Saved> context(@PathVariable String name, @RequestBody ContextRequest body,
            @Parameter(description = GuestController.IF_MATCH_DOC) @RequestHeader(value = "If-Match", required = false) @Nullable String ifMatch) {
        ContextRequest r = required(body, "context and digest");
        return answer(settings.setContext(name, r.context(), expected(name, ifMatch, r.digest())));
    }

    @PutMapping("/interfaces/{id}")
    @Operation(operationId = "setGuestAddress", summary = "Change one of a guest's addresses", description = "Rewrites interfaces/{id}/ (address, prefix, host device; its label stays). Refused when"
            + " another guest uses the address. Takes effect at the next start. ADMIN and OPERATOR; audited.")
    @ApiErrors({409, 412})
    ResponseEntity<Saved> setAddress(@PathVariable String name, @PathVariable String id, @RequestBody AddressRequest body,
            @Parameter(description = GuestController.IF_MATCH_DOC) @RequestHeader(value = "If-Match", required = false) @Nullable String ifMatch) {
        AddressRequest r = required(body, "ip, prefix and digest");
        return answer(settings.setInterface(name, id, r.ip(), r.prefix(), r.dev(), expected(name, ifMatch, r.digest())));
    }

    @PostMapping("/interfaces")
    @Operation(operationId = "addGuestAddress", summary = "Give a guest a further address", description = "Adds the next free interfaces/<n>/. Takes effect at the next start. ADMIN and OPERATOR; audited.")
    @ApiErrors({409, 412})
    ResponseEntity<Saved> addAddress(@PathVariable String name, @RequestBody AddressRequest body,
            @Parameter(description = GuestController.IF_MATCH_DOC) @RequestHeader(value = "If-Match", required = false) @Nullable String ifMatch) {
        AddressRequest r = required(body, "ip, prefix and digest");
        return answer(settings.addInterface(name, r.ip(), r.prefix(), r.dev(), expected(name, ifMatch, r.digest())));
    }

    @DeleteMapping("/interfaces/{id}")
    @Operation(operationId = "removeGuestAddress", summary = "Remove one of a guest's addresses", description = "Deletes interfaces/{id}/. Takes effect at the next start. ADMIN and OPERATOR; audited.")
    @ApiErrors({409, 412})
    ResponseEntity<Saved> removeAddress(@PathVariable String name, @PathVariable String id,
            @Parameter(description = DIGEST_DOC) @RequestParam(required = false) @Nullable String digest,
            @Parameter(description = GuestController.IF_MATCH_DOC) @RequestHeader(value = "If-Match", required = false) @Nullable String ifMatch) {
        return answer(settings.removeInterface(name, id, expected(name, ifMatch, digest)));
    }

    private @Nullable String expected(String name, @Nullable String ifMatch, @Nullable String bodyDigest) {
        return IfMatch.expected(ifMatch, () -> guests.config(name).digest(), bodyDigest);
    }

    private static <T> T required(T body, String what) {
        if (body == null) {
            throw new InvalidInputException("body", "a JSON body with " + what + " is required");
        }
        return body;
    }

    static ResponseEntity<Saved> answer(GuestSettingsService.Saved saved) {
        return ResponseEntity.ok().eTag(IfMatch.etag(saved.config().digest()))
                .body(new Saved(saved.takesEffect(), saved.config()));
    }
}

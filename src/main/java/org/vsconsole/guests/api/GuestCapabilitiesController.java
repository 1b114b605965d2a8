package org.vsconsole.guests.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vsconsole.apidocs.ApiTags;
import org.vsconsole.base.ApiErrors;
import org.vsconsole.base.IfMatch;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.guests.GuestCapabilities;
import org.vsconsole.guests.GuestPersonality;
import org.vsconsole.guests.GuestService;
import org.vsconsole.guests.GuestSettingsService;
import org.jspecify.annotations.Nullable;

/**
 * A guest's capabilities ({@code bcapabilities}, {@code ccapabilities}) and personality over REST
 * (GuestSettingsService): read with the digest as ETag, written as whole sets against it.
 */
@RestController
@RequestMapping("/api/v1/guests/{name}")
@Tag(name = ApiTags.GUESTS)
class GuestCapabilitiesController {

    private static final String ETAG_DOC = "The digest of the guest's config tree";

    @Schema(example = "{\"system\":[\"CHOWN\",\"KILL\",\"NET_RAW\"],\"context\":[\"set_utsname\",\"raw_icmp\"],\"digest\":\"9f2c…\"}")
    record CapabilitiesRequest(
            @Schema(description = "every system capability the guest is to have (CAP_ names, without prefix); absent: unchanged") @Nullable List<String> system,
            @Schema(description = "every context capability the guest is to have; absent: unchanged") @Nullable List<String> context,
            @Schema(description = GuestSettingsController.DIGEST_DOC) @Nullable String digest) {
    }

    @Schema(example = "{\"type\":\"LINUX32\",\"flags\":[\"ADDR_LIMIT_3GB\"],\"digest\":\"9f2c…\"}")
    record PersonalityRequest(@Schema(description = "personality type; empty: no personality file") @Nullable String type,
            @Schema(description = "personality flags; need a type") @Nullable List<String> flags,
            @Schema(description = GuestSettingsController.DIGEST_DOC) @Nullable String digest) {
    }

    private final GuestSettingsService settings;
    private final GuestService guests;

    GuestCapabilitiesController(GuestSettingsService settings, GuestService guests) {
        this.settings = settings;
        this.guests = guests;
    }

    @GetMapping("/capabilities")
    @Operation(operationId = "getGuestCapabilities", summary = "Read a guest's capabilities", description = "The system and context capabilities the guest gets (util-vserver's default set with"
            + " the bcapabilities/ccapabilities additions and removals), the documented names, and when each takes effect on"
            + " this host's driver.")
    @ApiResponse(responseCode = "200", description = "The guest's capabilities", headers = @Header(name = "ETag", description = ETAG_DOC, schema = @Schema(type = "string")))
    ResponseEntity<GuestCapabilities> capabilities(@PathVariable String name) {
        GuestCapabilities c = settings.capabilities(name);
        return ResponseEntity.ok().eTag(IfMatch.etag(c.digest())).body(c);
    }

    @PutMapping("/capabilities")
    @Operation(operationId = "setGuestCapabilities", summary = "Set a guest's capabilities", description = "Rewrites bcapabilities and/or ccapabilities so the guest gets exactly the sets given."
            + " Names only from the documented lists; on the linux driver none that reaches past the guest (SYS_ADMIN,"
            + " NET_ADMIN, MKNOD, …). The answer says when it takes effect. ADMIN and OPERATOR; audited.")
    @ApiErrors({409, 412})
    ResponseEntity<GuestSettingsController.Saved> setCapabilities(@PathVariable String name,
            @RequestBody CapabilitiesRequest body,
            @Parameter(description = GuestController.IF_MATCH_DOC) @RequestHeader(value = "If-Match", required = false) @Nullable String ifMatch) {
        CapabilitiesRequest r = required(body, "system and/or context, and digest");
        return GuestSettingsController.answer(settings.setCapabilities(name, r.system(), r.context(),
                expected(name, ifMatch, r.digest())));
    }

    @GetMapping("/personality")
    @Operation(operationId = "getGuestPersonality", summary = "Read a guest's personality", description = "The personality type and flags, the documented names, and when they take effect on"
            + " this host's driver.")
    @ApiResponse(responseCode = "200", description = "The guest's personality", headers = @Header(name = "ETag", description = ETAG_DOC, schema = @Schema(type = "string")))
    ResponseEntity<GuestPersonality> personality(@PathVariable String name) {
        GuestPersonality p = settings.personality(name);
        return ResponseEntity.ok().eTag(IfMatch.etag(p.digest())).body(p);
    }

    @PutMapping("/personality")
    @Operation(operationId = "setGuestPersonality", summary = "Set a guest's personality", description = "Writes personality (type, then one flag a line), or removes it when the type is empty."
            + " The answer says when it takes effect. ADMIN and OPERATOR; audited.")
    @ApiErrors({409, 412})
    ResponseEntity<GuestSettingsController.Saved> setPersonality(@PathVariable String name,
            @RequestBody PersonalityRequest body,
            @Parameter(description = GuestController.IF_MATCH_DOC) @RequestHeader(value = "If-Match", required = false) @Nullable String ifMatch) {
        PersonalityRequest r = required(body, "type, flags and digest");
        return GuestSettingsController.answer(settings.setPersonality(name, r.type(), r.flags(),
                expected(name, ifMatch, r.digest())));
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
}

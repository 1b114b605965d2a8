package org.vsconsole.guests.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vsconsole.apidocs.ApiTags;
import org.vsconsole.base.ApiErrors;
import org.vsconsole.base.IfMatch;
import org.vsconsole.base.Paging;
import org.vsconsole.guests.GuestService;
import org.vsconsole.guests.GuestSummary;
import org.vsconsole.host.config.GuestConfig;
import org.jspecify.annotations.Nullable;

/**
 * Guests over REST, with the same authorisation and audit as the UI (both go through GuestService).
 * A guest's ETag is the digest of its config tree; a write sent with {@code If-Match} is refused
 * with 412 (and audited as denied) when the guest changed since.
 */
@RestController
@RequestMapping("/api/v1/guests")
@Tag(name = ApiTags.GUESTS)
class GuestController {

    static final String IF_MATCH_DOC = "The guest's ETag as read; a stale one answers 412 and changes nothing.";

    /** {@code state}: running, stopped, disabled, broken or context-conflict; {@code conflict} says why. */
    @Schema(description = "A guest as the list shows it.", example = """
            {"name":"web1","xid":1001,"ips":["10.238.0.2"],"startsAtBoot":false,"running":true,"state":"running",\
            "processes":4,"rssBytes":8388608,"uptimeMs":61000}""")
    record GuestRow(String name, @Nullable Integer xid, List<String> ips, boolean startsAtBoot, boolean running,
            @Schema(allowableValues = {
                    "running", "stopped", "disabled", "broken", "context-conflict"}) String state,
            int processes, long rssBytes, long uptimeMs, @Nullable String conflict) {
    }

    record Deleted(String deleted) {
    }

    private final GuestService guests;

    GuestController(GuestService guests) {
        this.guests = guests;
    }

    @GetMapping
    @Operation(operationId = "listGuests", summary = "List guests", description = "The guests the caller may see, by name, with their state and live figures."
            + " Paged with offset and limit; X-Total-Count has the number of guests the caller may see.")
    @ApiResponse(responseCode = "200", description = "A page of guests", headers = @Header(name = Paging.TOTAL_HEADER, description = "All guests the caller may see", schema = @Schema(type = "integer")))
    ResponseEntity<List<GuestRow>> list(@RequestParam(defaultValue = "0") int offset,
            @Parameter(description = "1 to 1000") @RequestParam(defaultValue = "1000") int limit) {
        Paging paging = new Paging(offset, limit);
        List<GuestRow> all = guests.list().stream().map(GuestController::row).toList();
        return ResponseEntity.ok().header(Paging.TOTAL_HEADER, Integer.toString(all.size())).body(paging.of(all));
    }

    @GetMapping("/{name}")
    @Operation(operationId = "getGuest", summary = "Read a guest's configuration", description = "The guest's config tree as the console reads it, with its digest; the ETag header carries"
            + " the same digest for If-Match.")
    @ApiResponse(responseCode = "200", description = "The guest's configuration", headers = @Header(name = "ETag", description = "The digest of the guest's config tree", schema = @Schema(type = "string")))
    ResponseEntity<GuestConfig> get(@PathVariable String name) {
        GuestConfig config = guests.config(name);
        return ResponseEntity.ok().eTag(IfMatch.etag(config.digest())).body(config);
    }

    @GetMapping("/{name}/state")
    @Operation(operationId = "getGuestState", summary = "Read a guest's state", description = "Whether the guest runs (or why it cannot: disabled, its context held by another guest),"
            + " with its live figures, as of the last sample (at most a tick old): the guest list's row for it.")
    GuestRow state(@PathVariable String name) {
        return row(guests.summary(name));
    }

    @PostMapping("/{name}/start")
    @Operation(operationId = "startGuest", summary = "Start a guest", description = "Starts the guest's context and answers its row once it runs. 409 when it runs already.")
    @ApiErrors({409, 412})
    GuestRow start(@PathVariable String name,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(value = "If-Match", required = false) @Nullable String ifMatch) {
        precondition(name, ifMatch);
        return row(guests.start(name));
    }

    @PostMapping("/{name}/stop")
    @Operation(operationId = "stopGuest", summary = "Stop a guest", description = "Stops the guest's context and answers its row once it stopped. 409 when it is not running.")
    @ApiErrors({409, 412})
    GuestRow stop(@PathVariable String name,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(value = "If-Match", required = false) @Nullable String ifMatch) {
        precondition(name, ifMatch);
        return row(guests.stop(name));
    }

    @PostMapping("/{name}/restart")
    @Operation(operationId = "restartGuest", summary = "Restart a guest", description = "Stops the guest if it runs, then starts it; answers its row.")
    @ApiErrors({409, 412})
    GuestRow restart(@PathVariable String name,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(value = "If-Match", required = false) @Nullable String ifMatch) {
        precondition(name, ifMatch);
        return row(guests.restart(name));
    }

    @DeleteMapping("/{name}")
    @Operation(operationId = "deleteGuest", summary = "Delete a guest", description = "Deletes a stopped guest's configuration and root. The UI's typed-name confirmation:"
            + " `confirm` must repeat the name when given (400 otherwise); 409 when the guest runs or its root"
            + " is shared.")
    @ApiErrors({409, 412})
    Deleted delete(@PathVariable String name,
            @Parameter(description = "The guest's name again, as a confirmation") @RequestParam(required = false) @Nullable String confirm,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(value = "If-Match", required = false) @Nullable String ifMatch) {
        precondition(name, ifMatch);
        guests.delete(name, confirm == null ? name : confirm);
        return new Deleted(name);
    }

    /** Only with a header: without one, the call behaves as it always did. */
    private void precondition(String name, @Nullable String ifMatch) {
        if (ifMatch != null) {
            IfMatch.check(ifMatch, guests.config(name).digest());
        }
    }

    private static GuestRow row(GuestSummary s) {
        return new GuestRow(s.name(), s.xid(), s.addresses().stream().map(a -> a.replaceFirst("/.*$", "")).toList(),
                s.startsAtBoot(), s.state() == org.vsconsole.guests.GuestState.RUNNING,
                s.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), s.processes(), s.rssBytes(),
                s.uptimeMs(), s.conflict());
    }
}

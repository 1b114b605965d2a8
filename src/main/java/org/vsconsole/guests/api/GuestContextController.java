package org.vsconsole.guests.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vsconsole.apidocs.ApiTags;
import org.vsconsole.guests.GuestContextService;
import org.vsconsole.host.ContextDetails;
import org.jspecify.annotations.Nullable;

/** The details of a guest's running context over REST (GuestContextService); changing the id is {@code PUT …/context}. */
@RestController
@RequestMapping("/api/v1/guests/{name}")
@Tag(name = ApiTags.GUESTS)
class GuestContextController {

    @Schema(description = "A guest's context: whether it runs, and the kernel's details of it when it does.")
    record ContextAnswer(String guest, boolean running, @Schema(description = "linux, vserver or read-only") String driver,
            @Schema(description = "the configured static context; null when the guest has none (dynamic or unusable)") @Nullable Integer staticContext,
            @Schema(description = "null when the guest is not running; null figures inside are not available on this driver") @Nullable ContextDetails details) {
    }

    private final GuestContextService context;

    GuestContextController(GuestContextService context) {
        this.context = context;
    }

    @GetMapping("/context")
    @Operation(operationId = "getGuestContext", summary = "Details of a guest's running context", description = "What the kernel shows of the"
            + " running context: cvirt (load averages, threads, forks, uptime, uname), sched (token bucket, per-CPU"
            + " ticks), cacct (sockets per address family) and status. A figure the driver cannot give is null and"
            + " named in details.unavailable. The raw /proc/virtual/<xid>/ files (details.rawFiles) only for ADMIN.")
    ContextAnswer get(@PathVariable String name) {
        GuestContextService.ContextView view = context.details(name);
        return new ContextAnswer(view.guest(), view.running(), view.driver(), view.staticContext(), view.details());
    }
}

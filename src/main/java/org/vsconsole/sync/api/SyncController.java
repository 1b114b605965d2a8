package org.vsconsole.sync.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.vsconsole.apidocs.ApiTags;
import org.vsconsole.base.ApiErrors;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.security.CurrentUser;
import org.vsconsole.sync.GuestSyncStatus;
import org.vsconsole.sync.DriftDecisions;
import org.vsconsole.sync.SyncService;
import org.jspecify.annotations.Nullable;

/** A guest's sync state; accept or restore a change made outside the console; adopt a hand-made guest. */
@RestController
@RequestMapping("/api/v1/sync/guests")
@Tag(name = ApiTags.SYNC)
class SyncController {

    private final SyncService sync;
    private final DriftDecisions decisions;
    private final CurrentUser currentUser;

    SyncController(SyncService sync, DriftDecisions decisions, CurrentUser currentUser) {
        this.sync = sync;
        this.decisions = decisions;
        this.currentUser = currentUser;
    }

    @GetMapping("/{name}")
    @Operation(operationId = "getSyncStatus", summary = "A guest's sync state", description = "Whether the guest's config tree still matches what the console last wrote or saw, and,"
            + " when it drifted, the files that differ with a diff (`status` and `drift`).")
    Map<String, Object> status(@PathVariable String name) {
        if (!currentUser.maySee(name)) {
            throw new InvalidInputException("guest name", "no guest '" + name + "'");
        }
        GuestSyncStatus status = sync.status(name)
                .orElseThrow(() -> new InvalidInputException("guest name", "no guest '" + name + "'"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", status);
        if (status.drift()) {
            out.put("drift", sync.drift(name));
        }
        return out;
    }

    @PostMapping("/{name}/accept")
    @Operation(operationId = "acceptDrift", summary = "Accept a change made outside the console", description = "Takes the guest's tree as it is now as the truth. `digest` is the tree's digest as"
            + " read; a stale one answers 409. ADMIN and OPERATOR.")
    @ApiErrors({409})
    GuestSyncStatus accept(@PathVariable String name, @RequestParam(required = false) @Nullable String digest) {
        return decisions.accept(name, digest);
    }

    @PostMapping("/{name}/restore")
    @Operation(operationId = "restoreDrift", summary = "Undo a change made outside the console", description = "Writes back the tree the console last knew. `digest` as read; a stale one answers 409."
            + " ADMIN and OPERATOR.")
    @ApiErrors({409})
    GuestSyncStatus restore(@PathVariable String name, @RequestParam(required = false) @Nullable String digest) {
        return decisions.restore(name, digest);
    }

    @PostMapping("/{name}/adopt")
    @Operation(operationId = "adoptGuest", summary = "Adopt a guest made by hand", description = "Registers a guest found in the config tree that the console did not make. ADMIN and"
            + " OPERATOR.")
    @ApiErrors({409})
    GuestSyncStatus adopt(@PathVariable String name) {
        return decisions.adopt(name);
    }
}

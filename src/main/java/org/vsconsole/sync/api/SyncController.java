package org.vsconsole.sync.api;

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

/** A guest's sync state; accept or restore a change made outside the console; adopt a hand-made guest. */
@RestController
@RequestMapping("/api/v1/sync/guests")
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
    GuestSyncStatus accept(@PathVariable String name, @RequestParam(required = false) String digest) {
        return decisions.accept(name, digest);
    }

    @PostMapping("/{name}/restore")
    GuestSyncStatus restore(@PathVariable String name, @RequestParam(required = false) String digest) {
        return decisions.restore(name, digest);
    }

    @PostMapping("/{name}/adopt")
    GuestSyncStatus adopt(@PathVariable String name) {
        return decisions.adopt(name);
    }
}

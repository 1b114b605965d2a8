package org.vsconsole.migration.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vsconsole.apidocs.ApiTags;
import org.vsconsole.jobs.Job;
import org.vsconsole.migration.MigrationPlan;
import org.vsconsole.migration.MigrationRequest;
import org.vsconsole.migration.MigrationService;

/** Moving a guest of this host ({@code local}) or of a managed host to another one, over REST, beside the hosts' other resources. */
@RestController
@RequestMapping("/api/v1/hosts")
@Tag(name = ApiTags.HOSTS)
class MigrationController {

    private final MigrationService migrations;

    MigrationController(MigrationService migrations) {
        this.migrations = migrations;
    }

    @PostMapping("/{host}/guests/{name}/migrate/preflight")
    @Operation(operationId = "preflightGuestMigration", summary = "Check a move of a guest to another host", description = "Reports every problem that would stop the move (target unreachable or read-only, another"
            + " architecture, name or context taken there, too little room) and what the target will not carry"
            + " (disk limits, capabilities, personality); changes nothing. host is 'local' or a managed host, targetHost a managed host or 'local' for a managed host's guest (a Linux-VServer host's guest moves to a stock-kernel host this way); a guest with a dynamic context gets a free static one there.")
    MigrationPlan preflight(@PathVariable String host, @PathVariable String name, @RequestBody MigrationRequest request) {
        return migrations.preflight(host, name, request);
    }

    @PostMapping("/{host}/guests/{name}/migrate")
    @Operation(operationId = "migrateGuest", summary = "Move a guest of this host or of a managed host to another host", description = "Runs the"
            + " preflight; when it passes, makes the guest's config on the target (its context and address, or the"
            + " ones given), copies its tree through both hosts' agents (mode 'precopy', the default: while it runs, then"
            + " stopped for what changed; 'offline': stopped for the whole copy), starts it there if it ran before, then"
            + " disables it where it was and clears its boot mark (its files stay until it is deleted). A failure after the config"
            + " was made removes the copy there and starts the guest again where it was. Answers 202 with the job; a failed"
            + " preflight is 400 naming the first field, with every problem in the message.")
    @ApiResponse(responseCode = "202", description = "The move job")
    ResponseEntity<Job> migrate(@PathVariable String host, @PathVariable String name, @RequestBody MigrationRequest request) {
        Job job = migrations.migrate(host, name, request);
        return ResponseEntity.accepted().header("Location", "/api/v1/jobs/" + job.id()).body(job);
    }
}

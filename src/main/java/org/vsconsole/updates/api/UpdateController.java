package org.vsconsole.updates.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.vsconsole.apidocs.ApiTags;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.vsconsole.base.ApiErrors;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.headers.Header;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vsconsole.jobs.Job;
import org.vsconsole.updates.PendingStatus;
import org.vsconsole.updates.UpdateRequest;
import org.vsconsole.updates.UpdateService;

/**
 * {@code POST /api/v1/updates} {@code {"guests":[…]|"all":true,"action":"upgrade","packages":[…],
 * "dryRun":true,"stoppedGuests":"skip"|"start"}} answers 202 with the job (one item per guest);
 * {@code POST /api/v1/updates/{jobId}/retry} runs the failed guests again; {@code GET
 * /api/v1/updates/pending} gives each guest's last counted pending and security updates.
 */
@RestController
@RequestMapping("/api/v1/updates")
@Tag(name = ApiTags.UPDATES)
class UpdateController {

    @Schema(name = "UpdateRequest", example = "{\"guests\":[\"web1\"],\"action\":\"upgrade\",\"dryRun\":true,\"stoppedGuests\":\"skip\"}")
    record Body(List<String> guests, Boolean all, String action, List<String> packages, Boolean dryRun,
            String stoppedGuests) {
    }

    private final UpdateService updates;

    UpdateController(UpdateService updates) {
        this.updates = updates;
    }

    @PostMapping
    @Operation(operationId = "submitUpdate", summary = "Update packages in guests", description = "Runs an apt action (update, upgrade, install, remove...) in the guests given, or all, as"
            + " one job with one item per guest; answers 202 with the job. dryRun simulates.")
    @ApiResponse(responseCode = "202", description = "The update job", headers = @Header(name = "Location", description = "The job", schema = @Schema(type = "string")))
    ResponseEntity<Job> submit(@RequestBody Body body) {
        UpdateRequest request = body == null
                ? null
                : new UpdateRequest(body.guests(), Boolean.TRUE.equals(body.all()),
                        body.action(), body.packages(), Boolean.TRUE.equals(body.dryRun()), body.stoppedGuests());
        return accepted(updates.submit(request));
    }

    @PostMapping("/{jobId}/retry")
    @Operation(operationId = "retryUpdate", summary = "Retry the failed guests of an update", description = "Runs the same update again, as a new job, for the guests that failed in job `jobId`.")
    @ApiResponse(responseCode = "202", description = "The new update job", headers = @Header(name = "Location", description = "The job", schema = @Schema(type = "string")))
    @ApiErrors({409})
    ResponseEntity<Job> retry(@PathVariable long jobId) {
        return accepted(updates.retryFailed(jobId));
    }

    @GetMapping("/pending")
    @Operation(operationId = "getPendingUpdates", summary = "Pending updates per guest", description = "Each guest's last counted pending and security updates, by guest name.")
    Map<String, PendingStatus> pending() {
        return updates.pending();
    }

    private static ResponseEntity<Job> accepted(Job job) {
        return ResponseEntity.accepted().location(URI.create("/api/v1/jobs/" + job.id())).body(job);
    }
}

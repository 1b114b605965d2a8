package org.vsconsole.terminal.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.vsconsole.apidocs.ApiTags;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.Parameter;
import org.vsconsole.base.Paging;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vsconsole.terminal.TerminalRecording;
import org.vsconsole.terminal.RecordingArchive;

/** Recorded terminal sessions over REST, for auditors (ADMIN, AUDITOR): list, search, download. */
@RestController
@RequestMapping("/api/v1/terminal-sessions")
@Tag(name = ApiTags.TERMINAL)
class TerminalSessionController {

    private final RecordingArchive archive;

    TerminalSessionController(RecordingArchive archive) {
        this.archive = archive;
    }

    @GetMapping
    @Operation(operationId = "listTerminalSessions", summary = "List recorded terminal sessions", description = "Recorded sessions, newest first, optionally only those whose output contains a text;"
            + " paged with offset and limit, the total in X-Total-Count. ADMIN and AUDITOR.")
    @ApiResponse(responseCode = "200", description = "A page of recordings", headers = @Header(name = Paging.TOTAL_HEADER, description = "All matching recordings", schema = @Schema(type = "integer")))
    ResponseEntity<List<TerminalRecording>> list(@RequestParam(required = false) String contains,
            @RequestParam(defaultValue = "0") int offset,
            @Parameter(description = "1 to 1000") @RequestParam(defaultValue = "1000") int limit) {
        Paging paging = new Paging(offset, limit);
        List<TerminalRecording> all = archive.recordings(contains);
        return ResponseEntity.ok().header(Paging.TOTAL_HEADER, Integer.toString(all.size())).body(paging.of(all));
    }

    @GetMapping("/{id}/cast")
    @Operation(operationId = "downloadTerminalSession", summary = "Download a recorded session", description = "The session as an asciicast v2 file; its integrity is checked before it is served."
            + " ADMIN and AUDITOR.")
    @ApiResponse(responseCode = "200", description = "The recording", content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/x-asciicast", schema = @Schema(type = "string", format = "binary")))
    ResponseEntity<byte[]> cast(@PathVariable String id) {
        byte[] cast = archive.cast(id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/x-asciicast"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + id + ".cast\"")
                .body(cast);
    }
}

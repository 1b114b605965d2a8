package org.vsconsole.terminal.api;

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
import org.vsconsole.terminal.TerminalService;

/** Recorded terminal sessions over REST, for auditors (ADMIN, AUDITOR): list, search, download. */
@RestController
@RequestMapping("/api/v1/terminal-sessions")
class TerminalSessionController {

    private final TerminalService terminals;

    TerminalSessionController(TerminalService terminals) {
        this.terminals = terminals;
    }

    @GetMapping
    List<TerminalRecording> list(@RequestParam(required = false) String contains) {
        return terminals.recordings(contains);
    }

    @GetMapping("/{id}/cast")
    ResponseEntity<byte[]> cast(@PathVariable String id) {
        byte[] cast = terminals.cast(id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/x-asciicast"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + id + ".cast\"")
                .body(cast);
    }
}

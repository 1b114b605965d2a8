package org.vsconsole.host.api;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.config.ConfigConflictException;

/**
 * REST answers for what the host can say: a stale edit is a 409 listing the files that changed
 * since the caller read the guest; a failed host operation carries the command's own message.
 */
@RestControllerAdvice(basePackages = "org.vsconsole")
class HostExceptionHandler {

    @ExceptionHandler(ConfigConflictException.class)
    ResponseEntity<Map<String, Object>> conflict(ConfigConflictException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "conflict");
        body.put("message", e.getMessage());
        body.put("guest", e.guest());
        body.put("expectedDigest", e.expectedDigest());
        body.put("actualDigest", e.actualDigest());
        body.put("changedFiles", e.changedPaths());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
    }

    @ExceptionHandler(HostOperationException.class)
    ResponseEntity<Map<String, Object>> failed(HostOperationException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "host-operation-failed");
        body.put("operation", e.operation());
        body.put("guest", e.guest());
        body.put("message", e.getMessage());
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(body);
    }

    @ExceptionHandler(UncheckedIOException.class)
    ResponseEntity<Map<String, Object>> io(UncheckedIOException e) {
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(Map.of("error", "io-failed", "message", String.valueOf(e.getMessage())));
    }
}

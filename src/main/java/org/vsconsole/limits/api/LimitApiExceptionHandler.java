package org.vsconsole.limits.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.vsconsole.host.config.ConfigConflictException;

/** A stale digest on a limits call: 409 with the files that changed and the digest to read again. */
@RestControllerAdvice(assignableTypes = LimitController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class LimitApiExceptionHandler {

    @ExceptionHandler(ConfigConflictException.class)
    ResponseEntity<Map<String, Object>> conflict(ConfigConflictException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "conflict");
        body.put("message", "the guest's configuration changed since it was read; GET the limits again and retry");
        body.put("guest", e.guest());
        body.put("changedFiles", e.changedPaths());
        body.put("currentDigest", e.actualDigest());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
    }
}

package org.vsconsole.base;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Turns the console's errors into JSON bodies that name the field and the rule. */
@RestControllerAdvice(basePackages = "org.vsconsole")
class ApiExceptionHandler {

    private final java.util.List<RefusalRecorder> recorders;

    ApiExceptionHandler(java.util.List<RefusalRecorder> recorders) {
        this.recorders = recorders;
    }

    private void record(int status, String field, String rule) {
        for (RefusalRecorder recorder : recorders) {
            try {
                recorder.refused(status, field, rule);
            } catch (RuntimeException e) {
                // the answer matters more than its audit row; the audit logs its own trouble
            }
        }
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidInputException e) {
        record(400, e.field(), e.rule());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "invalid-input");
        body.put("field", e.field());
        body.put("rule", e.rule());
        body.put("message", e.getMessage());
        return ResponseEntity.badRequest().body(body);
    }

    @ExceptionHandler(StateConflictException.class)
    ResponseEntity<Map<String, Object>> conflict(StateConflictException e) {
        record(409, e.field(), e.rule());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "conflict");
        body.put("field", e.field());
        body.put("rule", e.rule());
        body.put("message", e.getMessage());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
    }

    /** A body that is no JSON of the expected shape, or one cut off at the size limit while read. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        if (RequestBodyTooLargeException.in(e)) {
            record(413, "body", "larger than 1 MB");
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Map.of("error", "payload-too-large",
                    "message", "Request bodies are limited to 1 MB"));
        }
        return invalid(new InvalidInputException("body", "must be a JSON object of the documented shape"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> typeMismatch(MethodArgumentTypeMismatchException e) {
        return invalid(new InvalidInputException(e.getName(), "has the wrong format"));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Map<String, Object>> denied(AccessDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .body(Map.of("error", "forbidden", "message", "You do not have the role or guest this needs"));
    }
}

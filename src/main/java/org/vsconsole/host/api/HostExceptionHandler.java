package org.vsconsole.host.api;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.vsconsole.base.ApiProblem;
import org.vsconsole.base.IfMatch;
import org.vsconsole.base.RefusalRecorder;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.config.ConfigConflictException;

/**
 * REST answers for what the host can say: a stale edit is a 409 listing the files that changed
 * since the caller read the guest (412 when the caller asked with {@code If-Match}, as HTTP says);
 * a failed host operation carries the command's own message.
 */
@RestControllerAdvice(basePackages = "org.vsconsole")
@Order(1)
class HostExceptionHandler {

    private final List<RefusalRecorder> recorders;

    HostExceptionHandler(List<RefusalRecorder> recorders) {
        this.recorders = recorders;
    }

    @ExceptionHandler(ConfigConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConfigConflictException e) {
        boolean precondition = RequestContextHolder.getRequestAttributes() != null && RequestContextHolder
                .getRequestAttributes().getAttribute(IfMatch.USED_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) != null;
        HttpStatus status = precondition ? HttpStatus.PRECONDITION_FAILED : HttpStatus.CONFLICT;
        String field = precondition ? "If-Match" : "digest";
        String rule = "must be the guest's current digest; it changed since it was read";
        if (precondition) {
            for (RefusalRecorder recorder : recorders) {
                recorder.refused(status.value(), field, rule);
            }
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("field", field);
        extra.put("rule", rule);
        extra.put("guest", e.guest());
        extra.put("expectedDigest", e.expectedDigest());
        extra.put("actualDigest", e.actualDigest());
        extra.put("changedFiles", e.changedPaths());
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e.actualDigest() != null) {
            answer.eTag(IfMatch.etag(e.actualDigest()));
        }
        return answer.body(ApiProblem.of(status, precondition ? "precondition-failed" : "conflict",
                String.valueOf(e.getMessage()), extra));
    }

    @ExceptionHandler(HostOperationException.class)
    ResponseEntity<ProblemDetail> failed(HostOperationException e) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("operation", e.operation());
        extra.put("guest", e.guest());
        return ApiProblem.answer(ApiProblem.of(HttpStatus.INTERNAL_SERVER_ERROR, "host-operation-failed", String.valueOf(e.getMessage()),
                extra));
    }

    @ExceptionHandler(UncheckedIOException.class)
    ResponseEntity<ProblemDetail> io(UncheckedIOException e) {
        return ApiProblem.answer(ApiProblem.of(HttpStatus.INTERNAL_SERVER_ERROR, "io-failed", String.valueOf(e.getMessage())));
    }
}

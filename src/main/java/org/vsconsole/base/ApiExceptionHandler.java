package org.vsconsole.base;

import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.jspecify.annotations.Nullable;

/**
 * Turns the console's errors into problem details that name the field and the rule. Spring MVC's
 * own errors (wrong method, wrong media type, a missing parameter) come through the base class
 * and get the same members, so a script reads every error the same way.
 */
@RestControllerAdvice(basePackages = "org.vsconsole")
@Order(0)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private final List<RefusalRecorder> recorders;

    ApiExceptionHandler(List<RefusalRecorder> recorders) {
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
    ResponseEntity<ProblemDetail> invalid(InvalidInputException e) {
        if (e instanceof PreconditionFailedException stale) {
            record(412, e.field(), e.rule());
            ProblemDetail problem = ApiProblem.rule(HttpStatus.PRECONDITION_FAILED, "precondition-failed", e.field(),
                    e.rule(), message(e));
            problem.setProperty("currentEtag", stale.currentEtag());
            return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).eTag(stale.currentEtag())
                    .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        if (e instanceof ReadOnlyModeException) {
            record(503, e.field(), e.rule());
            return ApiProblem.answer(ApiProblem.rule(HttpStatus.SERVICE_UNAVAILABLE, "read-only", e.field(), e.rule(),
                    message(e)));
        }
        if (e instanceof StateConflictException) {
            record(409, e.field(), e.rule());
            return ApiProblem.answer(ApiProblem.rule(HttpStatus.CONFLICT, "conflict", e.field(), e.rule(), message(e)));
        }
        record(400, e.field(), e.rule());
        return ApiProblem.answer(badRequest(e));
    }

    private static ProblemDetail badRequest(InvalidInputException e) {
        return ApiProblem.rule(HttpStatus.BAD_REQUEST, "invalid-input", e.field(), e.rule(), message(e));
    }

    /** Spring MVC's own binding failures: audited and answered like the console's own refusals. */
    private ResponseEntity<Object> refuse(String field, String rule) {
        record(400, field, rule);
        return body(badRequest(new InvalidInputException(field, rule)));
    }

    private static String message(InvalidInputException e) {
        return java.util.Objects.requireNonNullElse(e.getMessage(), e.rule());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e) {
        return ApiProblem.answer(ApiProblem.of(HttpStatus.FORBIDDEN, "forbidden",
                "You do not have the role or guest this needs"));
    }

    /** A body that is no JSON of the expected shape, or one cut off at the size limit while read. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (RequestBodyTooLargeException.in(e)) {
            record(413, "body", "larger than 1 MB");
            return body(ApiProblem.rule(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "body",
                    "must be at most 1 MB", "Request bodies are limited to 1 MB"));
        }
        return refuse("body", "must be a JSON object of the documented shape");
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        return refuse(java.util.Objects.requireNonNullElse(field, "request"), "has the wrong format");
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = e instanceof MissingServletRequestParameterException m
                ? m.getParameterName()
                : e instanceof MissingRequestHeaderException h ? h.getHeaderName() : "request";
        return refuse(field, "is required");
    }

    /** Spring MVC's own problems (405, 406, 415...) get the console's members too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, @Nullable Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        HttpStatus status = HttpStatus.resolve(statusCode.value());
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String message = body instanceof ProblemDetail p && p.getDetail() != null ? p.getDetail() : status.getReasonPhrase();
        String code = status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        ProblemDetail problem = ApiProblem.of(status, code, message);
        if (status.is4xxClientError()) {
            record(status.value(), "request", message);
        }
        return ResponseEntity.status(status).headers(headers)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<Object> body(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}

package org.vsconsole.base;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The last resort for the API: an error no other handler knows still answers a problem (500)
 * rather than Spring's error page. Its details go to the log only, as they may name internals.
 * Ordered last so the specific handlers (base, host) are asked first.
 */
@RestControllerAdvice(basePackages = "org.vsconsole")
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiFallbackHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiFallbackHandler.class);

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) throws Exception {
        if (e instanceof org.springframework.security.core.AuthenticationException) {
            throw e; // Spring Security's entry point answers these (401)
        }
        LOG.error("API request failed", e);
        return ApiProblem.answer(ApiProblem.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "The console could not complete the request; its log says why"));
    }
}

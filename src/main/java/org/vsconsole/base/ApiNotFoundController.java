package org.vsconsole.base;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A call under {@code /api/} that no endpoint takes (an unknown path, or a method the path does
 * not have) answers a 404 problem. Without it the request would fall through to the UI, which
 * answers with an HTML page. The most specific mapping wins, so real endpoints are untouched.
 */
@RestController
@Hidden
class ApiNotFoundController {

    @RequestMapping("/api/**")
    ResponseEntity<ProblemDetail> none(HttpServletRequest request) {
        return ApiProblem.answer(ApiProblem.of(HttpStatus.NOT_FOUND, "not-found",
                "No API endpoint answers " + request.getMethod() + " " + request.getRequestURI()
                        + "; the API description is at /v3/api-docs"));
    }
}

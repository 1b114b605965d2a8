package org.vsconsole.security.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.vsconsole.apidocs.ApiTags;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.security.ApiToken;
import org.vsconsole.security.ApiTokenService;
import org.vsconsole.security.NewApiToken;
import org.jspecify.annotations.Nullable;

/** The caller's own API tokens: make one (the secret is in this answer only), list, revoke. */
@RestController
@RequestMapping("/api/v1/me/tokens")
@Tag(name = ApiTags.TOKENS)
class TokenController {

    @Schema(example = "{\"name\":\"backup script\",\"expiresInDays\":90,\"readOnly\":true}")
    record NewToken(@Nullable String name, @Nullable Integer expiresInDays, @Nullable Boolean readOnly) {
    }

    record Revoked(long id, boolean revoked) {
    }

    private final ApiTokenService tokens;

    TokenController(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @PostMapping
    @Operation(operationId = "createToken", summary = "Make an API token", description = "Makes a token for scripts, acting as the caller (read-only if asked). The secret is in"
            + " this answer only; send it as `Authorization: Bearer <secret>`. Signed in with a password"
            + " only: a token cannot make tokens (400, field token).")
    @io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "basicAuth")
    @ApiResponse(responseCode = "201", description = "The token with its secret")
    ResponseEntity<NewApiToken> create(@RequestBody(required = false) @Nullable NewToken body) {
        if (body == null) {
            throw new InvalidInputException("body", "a JSON body with name, expiresInDays and readOnly is required");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(tokens.create(body.name(), body.expiresInDays(), body.readOnly()));
    }

    @GetMapping
    @Operation(operationId = "listTokens", summary = "List my API tokens", description = "The caller's tokens without their secrets: name, expiry, last use, read-only, revoked.")
    List<ApiToken> list() {
        return tokens.mine();
    }

    @DeleteMapping("/{id}")
    @Operation(operationId = "revokeToken", summary = "Revoke one of my API tokens", description = "The token stops working at once; 400 when the caller has no token with this id.")
    Revoked revoke(@PathVariable long id) {
        tokens.revoke(id);
        return new Revoked(id, true);
    }
}

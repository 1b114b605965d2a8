package org.vsconsole.security.api;

import java.util.List;
import java.util.Map;
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

/** The caller's own API tokens: make one (the secret is in this answer only), list, revoke. */
@RestController
@RequestMapping("/api/v1/me/tokens")
class TokenController {

    record NewToken(String name, Integer expiresInDays, Boolean readOnly) {
    }

    private final ApiTokenService tokens;

    TokenController(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @PostMapping
    ResponseEntity<NewApiToken> create(@RequestBody(required = false) NewToken body) {
        if (body == null) {
            throw new InvalidInputException("body", "a JSON body with name, expiresInDays and readOnly is required");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(tokens.create(body.name(), body.expiresInDays(), body.readOnly()));
    }

    @GetMapping
    List<ApiToken> list() {
        return tokens.mine();
    }

    @DeleteMapping("/{id}")
    Map<String, Object> revoke(@PathVariable long id) {
        tokens.revoke(id);
        return Map.of("id", id, "revoked", true);
    }
}

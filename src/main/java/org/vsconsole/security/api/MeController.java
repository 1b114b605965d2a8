package org.vsconsole.security.api;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vsconsole.security.UserAccount;
import org.vsconsole.security.UserAccountService;

/** Who the caller is, and the change of their own password. */
@RestController
@RequestMapping("/api/v1/me")
class MeController {

    record PasswordChange(String currentPassword, String newPassword) {
    }

    private final UserAccountService accounts;

    MeController(UserAccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    UserAccount me() {
        return accounts.me();
    }

    @PostMapping("/password")
    ResponseEntity<Map<String, Object>> changePassword(@RequestBody PasswordChange body) {
        accounts.changeOwnPassword(body.currentPassword(), body.newPassword());
        return ResponseEntity.ok(Map.of("passwordChanged", true));
    }
}

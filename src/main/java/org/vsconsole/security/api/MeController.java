package org.vsconsole.security.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.vsconsole.apidocs.ApiTags;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vsconsole.security.UserAccount;
import org.vsconsole.security.UserAccountService;
import org.jspecify.annotations.Nullable;

/** Who the caller is, and the change of their own password. */
@RestController
@RequestMapping("/api/v1/me")
@Tag(name = ApiTags.ACCOUNT)
class MeController {

    @Schema(example = "{\"currentPassword\":\"the-initial-one\",\"newPassword\":\"a-long-new-passphrase\"}")
    record PasswordChange(@Nullable String currentPassword, @Nullable String newPassword) {
    }

    record PasswordChanged(boolean passwordChanged) {
    }

    private final UserAccountService accounts;

    MeController(UserAccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    @Operation(operationId = "getMe", summary = "Who am I", description = "The signed-in user: name, roles, owned guests, and whether the password must be changed"
            + " (until it is, only this and the password change are allowed).")
    UserAccount me() {
        return accounts.me();
    }

    @PostMapping("/password")
    @Operation(operationId = "changeMyPassword", summary = "Change my password", description = "Needs the current password; the new one must be long enough and not a common one.")
    PasswordChanged changePassword(@RequestBody PasswordChange body) {
        accounts.changeOwnPassword(body == null ? null : body.currentPassword(), body == null ? null : body.newPassword());
        return new PasswordChanged(true);
    }
}

package org.vsconsole.terminal;

import org.springframework.stereotype.Component;
import org.vsconsole.security.CurrentUser;
import org.jspecify.annotations.Nullable;

/**
 * Who may have a terminal in a guest: ADMIN and OPERATOR in every guest, an OWNER in their own.
 * An AUDITOR never, even one who also owns guests: reviewing sessions and having one are kept
 * apart (an ADMIN holds every power anyway).
 */
@Component
class TerminalAccess {

    private final CurrentUser user;

    TerminalAccess(CurrentUser user) {
        this.user = user;
    }

    boolean mayOpen(String guest) {
        return user.mayHaveTerminal(guest);
    }

    @Nullable
    String username() {
        return user.username();
    }
}

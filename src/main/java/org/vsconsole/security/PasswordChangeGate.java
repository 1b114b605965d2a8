package org.vsconsole.security;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Keeps a signed-in user on the one page they must finish first, whatever page they ask for:
 * the code page while a sign-in waits for its second factor, the change-password page while an
 * initial or reset password is unchanged, and (with {@code require-totp}) the account page,
 * where an ADMIN enrols a second factor, until they have.
 */
@Component
class PasswordChangeGate implements VaadinServiceInitListener {

    private final UserRepository users;
    private final TotpService totp;

    PasswordChangeGate(UserRepository users, TotpService totp) {
        this.users = users;
        this.totp = totp;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(ui -> ui.getUI().addBeforeEnterListener(this::check));
    }

    private void check(BeforeEnterEvent event) {
        if (event.getNavigationTarget() == LoginView.class) {
            return;
        }
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            return;
        }
        if (TotpPending.is(auth)) {
            if (event.getNavigationTarget() != TotpSignInView.class) {
                event.rerouteTo(TotpSignInView.class);
            }
            return;
        }
        if (event.getNavigationTarget() == TotpSignInView.class) {
            event.rerouteTo("");
            return;
        }
        if (event.getNavigationTarget() == ChangePasswordView.class) {
            return;
        }
        if (users.mustChangePassword(auth.getName()) || totp.mustEnrol(auth)) {
            event.rerouteTo(ChangePasswordView.class);
        }
    }
}

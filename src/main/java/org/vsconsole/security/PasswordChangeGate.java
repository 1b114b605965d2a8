package org.vsconsole.security;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Sends a user who still has an initial or reset password to the change-password page, whatever
 * page they ask for, until they have chosen their own.
 */
@Component
class PasswordChangeGate implements VaadinServiceInitListener {

    private final UserRepository users;

    PasswordChangeGate(UserRepository users) {
        this.users = users;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(ui -> ui.getUI().addBeforeEnterListener(this::check));
    }

    private void check(BeforeEnterEvent event) {
        if (event.getNavigationTarget() == ChangePasswordView.class || event.getNavigationTarget() == LoginView.class) {
            return;
        }
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && users.mustChangePassword(auth.getName())) {
            event.rerouteTo(ChangePasswordView.class);
        }
    }
}

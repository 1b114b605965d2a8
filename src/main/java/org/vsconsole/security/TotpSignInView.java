package org.vsconsole.security;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.vsconsole.base.InvalidInputException;

/**
 * The second step of signing in to an account with TOTP: the password was right, the code of the
 * authenticator app is asked for before the session gets the account's roles. The only page a
 * half-signed-in session can open ({@link PasswordChangeGate}).
 */
@Route("sign-in-code")
@PageTitle("Authentication code · VServer Console")
@PermitAll
public class TotpSignInView extends VerticalLayout {

    private final TotpService totp;
    private final TextField code = new TextField("Authentication code");

    public TotpSignInView(TotpService totp, AuthenticationContext auth) {
        this.totp = totp;
        addClassName("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        getElement().setAttribute("role", "main");
        code.setId("totp-code");
        code.setHelperText("The 6-digit code your authenticator app shows now");
        code.setMaxLength(6);
        code.getElement().setAttribute("autocomplete", "one-time-code");
        code.getElement().setAttribute("inputmode", "numeric");
        code.setAutofocus(true);
        Button verify = new Button("Sign in", e -> verify());
        verify.setId("totp-verify");
        verify.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        verify.addClickShortcut(Key.ENTER);
        Button cancel = new Button("Cancel", e -> auth.logout());
        cancel.setId("totp-cancel");
        cancel.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        H1 title = new H1("VServer Console");
        title.addClassName("login-title");
        Paragraph why = new Paragraph("This account has a second factor. Enter the code of your authenticator app.");
        code.setWidthFull();
        verify.setWidthFull();
        VerticalLayout card = new VerticalLayout(why, code, verify, cancel);
        card.addClassName("login-card");
        card.setAlignItems(Alignment.STRETCH);
        add(title, card);
    }

    private void verify() {
        try {
            var full = totp.completeSignIn(code.getValue());
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(full);
            SecurityContextHolder.setContext(context);
            // the session's context is what the next request loads: from now on with the account's roles
            VaadinSession.getCurrent().getSession()
                    .setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
            UI.getCurrent().getPage().setLocation("./");
        } catch (InvalidInputException e) {
            code.setErrorMessage(e.rule());
            code.setInvalid(true);
        }
    }
}

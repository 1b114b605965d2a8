package org.vsconsole.security;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;

/** Sign-in page; after repeated failures it says plainly that the account is refused for now. */
@Route("login")
@PageTitle("Sign in · VServer Console")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private final LoginForm form = new LoginForm();

    public LoginView() {
        addClassName("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentModeCenter();
        form.setId("login-form");
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        H1 title = new H1("VServer Console");
        title.addClassName("login-title");
        Paragraph subtitle = new Paragraph("Administration of Linux-VServer guests");
        subtitle.addClassName("login-subtitle");
        // signed out there is no shell: the sign-in page is its own main landmark
        getElement().setAttribute("role", "main");
        add(title, subtitle, form);
    }

    private void setJustifyContentModeCenter() {
        setJustifyContentMode(JustifyContentMode.CENTER);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!event.getLocation().getQueryParameters().getParameters().containsKey("error")) {
            return;
        }
        LoginI18n i18n = LoginI18n.createDefault();
        LoginI18n.ErrorMessage error = i18n.getErrorMessage();
        Object cause = VaadinSession.getCurrent().getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        if (cause instanceof LockedException locked) {
            error.setTitle("Account temporarily refused");
            error.setMessage(locked.getMessage());
        } else {
            error.setTitle("Sign-in failed");
            error.setMessage("The user name or password is not correct, or the account is disabled.");
        }
        form.setI18n(i18n);
        form.setError(true);
    }
}

package org.vsconsole.security;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import org.vsconsole.base.Feedback;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.base.MainLayout;

/**
 * One's own account: change the password (the only page open to a user who still has an initial
 * password) and, once that is done, one's second factor ({@link TotpPanel}) and API tokens.
 */
@Route(value = "change-password", layout = MainLayout.class)
@PageTitle("Change password · VServer Console")
@PermitAll
public class ChangePasswordView extends VerticalLayout {

    private final UserAccountService accounts;
    private final PasswordField current = new PasswordField("Current password");
    private final PasswordField next = new PasswordField("New password");
    private final PasswordField repeat = new PasswordField("Repeat new password");

    public ChangePasswordView(UserAccountService accounts, ApiTokenService tokens, TotpService totp) {
        this.accounts = accounts;
        setMaxWidth("32rem");
        current.setId("current-password");
        next.setId("new-password");
        repeat.setId("repeat-password");
        next.setHelperText("At least " + UserAccountService.MIN_PASSWORD_LENGTH + " characters");
        Button save = new Button("Change password", e -> save());
        save.setId("change-password");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER);
        Paragraph why = new Paragraph(accounts.mustChangePassword()
                ? "You signed in with an initial password. Choose your own before you continue."
                : "Choose a new password for your account.");
        FormLayout form = new FormLayout(current, next, repeat);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(new H2("Change password"), why, form, save);
        if (!accounts.mustChangePassword()) {
            setMaxWidth("64rem");
            add(new TotpPanel(totp), new ApiTokensPanel(tokens));
        }
    }

    private void save() {
        current.setInvalid(false);
        next.setInvalid(false);
        repeat.setInvalid(false);
        if (!next.getValue().equals(repeat.getValue())) {
            repeat.setErrorMessage("The two new passwords differ");
            repeat.setInvalid(true);
            return;
        }
        try {
            accounts.changeOwnPassword(current.getValue(), next.getValue());
        } catch (InvalidInputException e) {
            PasswordField field = e.field().equals("currentPassword") ? current : next;
            field.setErrorMessage(e.rule());
            field.setInvalid(true);
            return;
        }
        Feedback.success("Password changed");
        UI.getCurrent().navigate("");
    }
}

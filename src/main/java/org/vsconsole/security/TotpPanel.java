package org.vsconsole.security;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import org.vsconsole.base.Feedback;
import org.vsconsole.base.InvalidInputException;

/**
 * The signed-in user's second factor: set it up (the key and otpauth URI shown as text for the
 * authenticator app, stored only once a current code of it is typed) or turn it off (password
 * and a code). With {@code require-totp} an ADMIN without one sees why they are here.
 */
class TotpPanel extends VerticalLayout {

    private final TotpService totp;

    TotpPanel(TotpService totp) {
        this.totp = totp;
        setPadding(false);
        setId("totp-panel");
        show();
    }

    private void show() {
        removeAll();
        add(new H3("Two-factor authentication"));
        if (totp.enabled()) {
            showEnabled();
        } else {
            showSetUp();
        }
    }

    private void showEnabled() {
        Paragraph state = new Paragraph("On: signing in asks for a code of your authenticator app after the password."
                + " Scripts use API tokens (HTTP Basic is refused for this account).");
        state.setId("totp-state");
        PasswordField password = new PasswordField("Current password");
        password.setId("totp-disable-password");
        TextField code = codeField("totp-disable-code");
        Button off = new Button("Turn off", e -> {
            try {
                totp.disable(password.getValue(), code.getValue());
                Feedback.success("Two-factor authentication turned off");
                show();
            } catch (InvalidInputException ex) {
                var field = ex.field().equals("currentPassword") ? password : code;
                field.setErrorMessage(ex.rule());
                field.setInvalid(true);
            }
        });
        off.setId("totp-disable");
        off.addThemeVariants(ButtonVariant.LUMO_ERROR);
        add(state, password, code, off);
    }

    private void showSetUp() {
        boolean required = totp.enrolmentRequired();
        Paragraph state = new Paragraph(required
                ? "Administrators of this console must use a second factor. Set it up before you continue."
                : "Off. With it on, signing in also asks for a code of an authenticator app.");
        state.setId("totp-state");
        Button start = new Button("Set up", e -> enrol(e.getSource()));
        start.setId("totp-start");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(state, start);
    }

    private void enrol(Button start) {
        start.setVisible(false);
        var enrolment = totp.newEnrolment();
        TextField key = readOnly("Key (enter it in your authenticator app)", "totp-secret", enrolment.secret());
        TextField uri = readOnly("Or the otpauth URI", "totp-uri", enrolment.uri());
        TextField code = codeField("totp-enrol-code");
        Button confirm = new Button("Confirm", e -> {
            boolean required = totp.enrolmentRequired();
            try {
                totp.confirmEnrolment(enrolment.secret(), code.getValue());
                Feedback.success("Two-factor authentication is on");
                if (required) {
                    UI.getCurrent().navigate("");
                } else {
                    show();
                }
            } catch (InvalidInputException ex) {
                code.setErrorMessage(ex.rule());
                code.setInvalid(true);
            }
        });
        confirm.setId("totp-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(key, uri, code, confirm);
    }

    private static TextField readOnly(String label, String id, String value) {
        TextField field = new TextField(label, value, "");
        field.setId(id);
        field.setReadOnly(true);
        field.setWidthFull();
        return field;
    }

    private static TextField codeField(String id) {
        TextField code = new TextField("Code from the app");
        code.setId(id);
        code.setMaxLength(6);
        code.setHelperText("6 digits");
        code.getElement().setAttribute("autocomplete", "one-time-code");
        code.getElement().setAttribute("inputmode", "numeric");
        return code;
    }
}

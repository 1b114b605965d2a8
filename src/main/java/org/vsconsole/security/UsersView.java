package org.vsconsole.security;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.vsconsole.base.Feedback;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.base.MainLayout;
import org.jspecify.annotations.Nullable;

/** User administration for admins: create, disable, roles and owned guests, password and second-factor reset. */
@Route(value = "users", layout = MainLayout.class)
@PageTitle("Users · VServer Console")
@Menu(order = 40, title = "Users", icon = "vaadin:users")
@RolesAllowed("ADMIN")
public class UsersView extends VerticalLayout {

    private final UserAccountService accounts;
    private final TotpService totp;
    private java.util.Set<String> withTotp = java.util.Set.of();
    private final Grid<UserAccount> grid = new Grid<>(UserAccount.class, false);

    public UsersView(UserAccountService accounts, TotpService totp) {
        this.accounts = accounts;
        this.totp = totp;
        setSizeFull();
        Button add = new Button("New user", VaadinIcon.PLUS.create(), e -> openEditor(null));
        add.setId("new-user");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout header = new HorizontalLayout(new H2("Users"), add);
        header.setWidthFull();
        header.setJustifyContentMode(JustifyContentMode.BETWEEN);
        header.setAlignItems(Alignment.CENTER);

        grid.setId("users-grid");
        grid.setAriaLabel("Users");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(UserAccount::username).setHeader("User").setSortable(true).setAutoWidth(true);
        grid.addComponentColumn(u -> status(u)).setHeader("Status").setAutoWidth(true);
        grid.addColumn(u -> u.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(", ")))
                .setHeader("Roles").setAutoWidth(true);
        grid.addColumn(u -> u.guests().isEmpty() ? "—" : String.join(", ", u.guests()))
                .setHeader("Owned guests").setFlexGrow(1);
        grid.addColumn(u -> withTotp.contains(u.username()) ? "TOTP" : "—").setHeader("Second factor").setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader("Actions").setAutoWidth(true);
        add(header, grid);
        refresh();
    }

    private Span status(UserAccount user) {
        Span badge = new Span(!user.enabled() ? "Disabled" : user.mustChangePassword() ? "Must change password" : "Active");
        badge.getElement().getThemeList()
                .add(!user.enabled() ? "badge error" : user.mustChangePassword() ? "badge contrast" : "badge success");
        return badge;
    }

    private HorizontalLayout actions(UserAccount user) {
        Button edit = new Button("Roles", e -> openEditor(user));
        edit.addThemeVariants(ButtonVariant.LUMO_SMALL);
        Button reset = new Button("Reset password", e -> openReset(user));
        reset.addThemeVariants(ButtonVariant.LUMO_SMALL);
        Button toggle = new Button(user.enabled() ? "Disable" : "Enable", e -> confirmToggle(user));
        toggle.addThemeVariants(ButtonVariant.LUMO_SMALL, user.enabled() ? ButtonVariant.LUMO_ERROR : ButtonVariant.LUMO_SUCCESS);
        // the same three buttons on every row: each name says whose account it acts on
        edit.setAriaLabel("Roles of " + user.username());
        reset.setAriaLabel("Reset password of " + user.username());
        toggle.setAriaLabel(toggle.getText() + " " + user.username());
        edit.setId("user-edit-" + user.username());
        reset.setId("user-reset-" + user.username());
        toggle.setId("user-toggle-" + user.username());
        HorizontalLayout buttons = new HorizontalLayout(edit, reset, toggle);
        if (withTotp.contains(user.username())) {
            Button resetTotp = new Button("Reset 2FA", e -> Feedback.confirmDestructive(
                    "Reset the second factor of " + user.username() + "?",
                    "They sign in with the password alone until they set up a new one (a lost phone).", "Reset 2FA",
                    () -> run(() -> totp.reset(user.username()), "Second factor of " + user.username() + " reset")));
            resetTotp.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            resetTotp.setAriaLabel("Reset the second factor of " + user.username());
            resetTotp.setId("user-reset-totp-" + user.username());
            buttons.add(resetTotp);
        }
        return buttons;
    }

    private void confirmToggle(UserAccount user) {
        if (!user.enabled()) {
            run(() -> accounts.setEnabled(user.username(), true), "Enabled " + user.username());
            return;
        }
        Feedback.confirmDestructive("Disable " + user.username() + "?",
                "They can no longer sign in or use the API until enabled again.", "Disable",
                () -> run(() -> accounts.setEnabled(user.username(), false), "Disabled " + user.username()));
    }

    private void openEditor(@Nullable UserAccount existing) {
        Dialog dialog = new Dialog(existing == null ? "New user" : "Roles of " + existing.username());
        TextField username = new TextField("User name");
        username.setId("user-name");
        username.setHelperText("Lower-case letters, digits, '.', '_' or '-'; starts with a letter");
        PasswordField password = new PasswordField("Initial password");
        password.setId("user-password");
        password.setHelperText("At least 12 characters; the user must change it at first sign-in");
        CheckboxGroup<Role> roles = new CheckboxGroup<>("Roles");
        roles.setId("user-roles");
        roles.setItems(Role.values());
        roles.setItemLabelGenerator(Role::description);
        TextField guests = new TextField("Owned guests");
        guests.setId("user-guests");
        guests.setHelperText("For owners: guest names separated by commas; a guest on another host as host/name");
        FormLayout form = new FormLayout();
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        if (existing == null) {
            form.add(username, password);
        } else {
            roles.setValue(existing.roles());
            guests.setValue(String.join(", ", existing.guests()));
        }
        form.add(roles, guests);
        Button save = new Button(existing == null ? "Create" : "Save", e -> {
            Set<String> owned = Arrays.stream(guests.getValue().split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
            Set<Role> chosen = roles.getValue().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles.getValue());
            try {
                if (existing == null) {
                    accounts.create(username.getValue(), password.getValue(), chosen, owned);
                } else {
                    accounts.setRoles(existing.username(), chosen, owned);
                }
                dialog.close();
                Feedback.success(existing == null ? "Created " + username.getValue() : "Saved " + existing.username());
                refresh();
            } catch (InvalidInputException ex) {
                switch (ex.field()) {
                    case "username" -> invalid(username, ex.rule());
                    case "password" -> invalid(password, ex.rule());
                    case "guests" -> invalid(guests, ex.rule());
                    default -> {
                        roles.setErrorMessage(ex.rule());
                        roles.setInvalid(true);
                    }
                }
            }
        });
        save.setId("save-user");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(form);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.setWidth("34rem");
        dialog.open();
    }

    private void openReset(UserAccount user) {
        Dialog dialog = new Dialog("Reset password of " + user.username());
        PasswordField password = new PasswordField("New password");
        password.setHelperText("At least 12 characters; " + user.username() + " must change it at next sign-in");
        password.setWidthFull();
        Button save = new Button("Reset", e -> {
            try {
                accounts.resetPassword(user.username(), password.getValue());
                dialog.close();
                Feedback.success("Password of " + user.username() + " reset");
                refresh();
            } catch (InvalidInputException ex) {
                invalid(password, ex.rule());
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        dialog.add(password);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.setWidth("30rem");
        dialog.open();
    }

    private void run(Runnable action, String success) {
        try {
            action.run();
            Feedback.success(success);
        } catch (InvalidInputException e) {
            Feedback.error(e.getMessage());
        }
        refresh();
    }

    private static void invalid(com.vaadin.flow.component.HasValidation field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
    }

    private void refresh() {
        withTotp = totp.enrolledUsers();
        grid.setItems(accounts.list());
    }
}

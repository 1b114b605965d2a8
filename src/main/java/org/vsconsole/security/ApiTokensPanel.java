package org.vsconsole.security;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import java.time.Instant;
import org.vsconsole.base.InvalidInputException;

/**
 * The signed-in user's API tokens: make one (its secret is shown here once, to copy), see when
 * each was last used, revoke. Scripts use them as {@code Authorization: Bearer <token>}.
 */
class ApiTokensPanel extends VerticalLayout {

    private final ApiTokenService tokens;
    private final Grid<ApiToken> grid = new Grid<>();
    private final TextField name = new TextField("Token name");
    private final IntegerField days = new IntegerField("Expires in days");
    private final Checkbox readOnly = new Checkbox("Read-only");
    private final TextField secret = new TextField("New token (shown only now: copy it)");

    ApiTokensPanel(ApiTokenService tokens) {
        this.tokens = tokens;
        setPadding(false);
        setId("api-tokens");
        name.setId("token-name");
        days.setId("token-days");
        days.setValue(ApiTokenService.DEFAULT_DAYS);
        days.setMin(1);
        days.setMax(ApiTokenService.MAX_DAYS);
        readOnly.setId("token-read-only");
        secret.setId("token-secret");
        secret.setReadOnly(true);
        secret.setWidthFull();
        secret.setVisible(false);
        Button create = new Button("Create token", e -> create());
        create.setId("token-create");
        grid.setId("token-grid");
        grid.setAriaLabel("API tokens");
        grid.addColumn(ApiToken::name).setHeader("Name");
        grid.addColumn(t -> t.readOnly() ? "read-only" : "your roles").setHeader("Scope");
        grid.addColumn(t -> t.expiresAt().toString()).setHeader("Expires");
        grid.addColumn(t -> t.lastUsedAt() == null ? "never" : t.lastUsedAt().toString()).setHeader("Last used");
        grid.addColumn(t -> t.revokedAt() != null ? "revoked" : t.active(Instant.now()) ? "active" : "expired")
                .setHeader("State");
        grid.addComponentColumn(t -> {
            Button revoke = new Button("Revoke", e -> revoke(t));
            revoke.setId("token-revoke-" + t.id());
            revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
            revoke.setEnabled(t.revokedAt() == null);
            revoke.setAriaLabel("Revoke token " + t.name());
            return revoke;
        }).setHeader("Actions");
        grid.setAllRowsVisible(true);
        HorizontalLayout form = new HorizontalLayout(name, days, readOnly, create);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);
        add(new H3("API tokens"), new Paragraph("For scripts: send a token as 'Authorization: Bearer <token>'."
                + " A read-only token may only read; otherwise it acts with your roles."), form, secret, grid);
        refresh();
    }

    private void create() {
        name.setInvalid(false);
        days.setInvalid(false);
        try {
            NewApiToken made = tokens.create(name.getValue(), days.getValue(), readOnly.getValue());
            secret.setValue(made.token());
            secret.setVisible(true);
            name.clear();
        } catch (InvalidInputException e) {
            TextField field = name;
            if (e.field().equals("expiresInDays")) {
                days.setErrorMessage(e.rule());
                days.setInvalid(true);
                return;
            }
            field.setErrorMessage(e.rule());
            field.setInvalid(true);
            return;
        }
        refresh();
    }

    private void revoke(ApiToken token) {
        tokens.revoke(token.id());
        secret.setVisible(false);
        refresh();
    }

    private void refresh() {
        grid.setItems(tokens.mine());
    }
}

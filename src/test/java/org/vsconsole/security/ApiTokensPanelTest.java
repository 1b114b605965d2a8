package org.vsconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.vsconsole.ConsoleViewTest;

/** The account page lists one's API tokens, shows a new token's secret once, and revokes. */
@WithMockUser(username = "admin", roles = "ADMIN")
class ApiTokensPanelTest extends ConsoleViewTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void makeAReadOnlyTokenSeeItListedThenRevokeIt() {
        String name = TestAccounts.uniqueName("ui");
        navigate(ChangePasswordView.class);
        test($(TextField.class).id("token-name")).setValue(name);
        test($(Checkbox.class).id("token-read-only")).click();
        test($(Button.class).id("token-create")).click();

        String secret = $(TextField.class).id("token-secret").getValue();
        assertThat(secret).startsWith("vsc_");
        assertThat(jdbc.sql("SELECT read_only FROM api_token WHERE token_hash = ?").param(ApiTokenService.sha256(secret))
                .query(Boolean.class).single()).isTrue();
        Grid<?> grid = $(Grid.class).id("token-grid");
        int row = rowOf(grid, name);
        assertThat(test(grid).getCellText(row, 1)).isEqualTo("read-only");
        assertThat(test(grid).getCellText(row, 4)).isEqualTo("active");

        test((Button) test(grid).getCellComponent(row, 5)).click();
        assertThat(test(grid).getCellText(rowOf(grid, name), 4)).isEqualTo("revoked");
        assertThat(TestAccounts.auditCount(jdbc, "token.revoke", "admin", "ok", "admin")).isPositive();
    }

    private int rowOf(Grid<?> grid, String name) {
        var tester = test(grid);
        for (int i = 0; i < tester.size(); i++) {
            if (tester.getCellText(i, 0).equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no row for token " + name);
    }
}

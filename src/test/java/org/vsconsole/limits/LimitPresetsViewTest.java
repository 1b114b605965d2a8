package org.vsconsole.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/** Deleting a limit preset asks first, naming it (issue 13: it used to go at one click). */
@WithMockUser(username = "admin", roles = "ADMIN")
class LimitPresetsViewTest extends LimitsTestBase {

    @Autowired
    LimitPresetService presets;

    @Test
    @SuppressWarnings("unchecked")
    void deletingAPresetAsksFirstAndCancelKeepsIt() {
        presets.save("small-web", "a small web server", Map.of("nproc", new LimitEdit("100", "150")));
        navigate(LimitPresetsView.class);
        Grid<LimitPreset> grid = $(Grid.class).id("presets-grid");

        test(deleteButton(grid, "small-web")).click();
        ConfirmDialog confirm = $(ConfirmDialog.class).single();
        assertThat(test(confirm).getHeader()).isEqualTo("Delete preset small-web?");
        assertThat(presets.list()).extracting(LimitPreset::name).as("nothing deleted before the answer").contains("small-web");
        test(confirm).cancel();
        assertThat(presets.list()).extracting(LimitPreset::name).contains("small-web");

        test(deleteButton(grid, "small-web")).click();
        test($(ConfirmDialog.class).last()).confirm();
        assertThat(presets.list()).extracting(LimitPreset::name).doesNotContain("small-web");
    }

    private Button deleteButton(Grid<LimitPreset> grid, String preset) {
        for (int row = 0; row < test(grid).size(); row++) {
            if (test(grid).getRow(row).name().equals(preset)) {
                return test(grid).getCellComponent(row, "actions").getChildren().map(Button.class::cast)
                        .filter(b -> b.getText().equals("Delete")).findFirst().orElseThrow();
            }
        }
        throw new AssertionError("no row for " + preset);
    }
}

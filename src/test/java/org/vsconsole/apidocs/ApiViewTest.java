package org.vsconsole.apidocs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;
import org.vsconsole.ConsoleViewTest;

/** The API page: any signed-in user browses every operation, filters them, and copies a curl line. */
class ApiViewTest extends ConsoleViewTest {

    @Test
    @WithMockUser(username = "olga-owner", roles = "OWNER")
    void anOwnerBrowsesAndFiltersEveryOperation() {
        ApiView view = navigate(ApiView.class);
        int all = ApiDescription.load().operationCount();
        assertThat(all).isEqualTo(70);
        assertThat($(Span.class).id("api-shown").getText()).isEqualTo(all + " of " + all + " operations");
        Details create = $(Details.class).id("op-createToken");
        assertThat(create.getSummaryText()).isEqualTo("POST /api/v1/me/tokens — Make an API token");
        assertThat($(Pre.class).from(create).all()).extracting(Pre::getText)
                .anySatisfy(text -> assertThat(text).startsWith("curl -sS -X POST -H 'Authorization: Bearer $TOKEN'")
                        .contains("\"name\":\"backup script\"").endsWith("\"$CONSOLE/api/v1/me/tokens\""))
                .anySatisfy(text -> assertThat(text).contains("201 application/json", "400 application/problem+json",
                        "401 application/problem+json", "413 application/problem+json").doesNotContain("412"));

        test($(TextField.class).id("api-filter")).setValue("limit");
        // Hidden operations are out of the component queries' reach, so they are read from the view.
        var operations = view.getChildren().filter(Details.class::isInstance).map(Details.class::cast).toList();
        long visible = operations.stream().filter(Details::isVisible).count();
        assertThat(visible).isBetween(2L, (long) all - 1);
        assertThat(operations).filteredOn(Details::isVisible).extracting(d -> d.getId().orElseThrow())
                .contains("op-setLimits", "op-getLimits", "op-listLimitPresets").doesNotContain("op-createToken");
        assertThat($(Span.class).id("api-shown").getText()).isEqualTo(visible + " of " + all + " operations");
    }

    @Test
    void noOneSignedOutSeesIt() {
        assertThatThrownBy(() -> navigate(ApiView.class)).isInstanceOf(IllegalArgumentException.class);
    }
}

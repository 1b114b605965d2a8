package org.vsconsole.apidocs;

import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.PermitAll;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vsconsole.base.MainLayout;

/**
 * The API, browsable by any signed-in user: how to sign in, then every operation by feature with
 * its parameters, body example, answers and a curl line, filterable by text. Rendered on the
 * server from the packaged API description: no Swagger UI, no script of its own. Not at
 * {@code /api}: everything under it belongs to the stateless API chain.
 */
@Route(value = "api-reference", layout = MainLayout.class)
@PageTitle("API · VServer Console")
@Menu(order = 90, title = "API", icon = "vaadin:code")
@PermitAll
public class ApiView extends VerticalLayout {

    private final List<Details> operations = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private final Span shown = new Span();

    public ApiView() {
        ApiDescription api = ApiDescription.load();
        setWidthFull();
        add(new H2(api.title() + " (" + api.version() + ")"));
        // The description is Markdown for other renderers; its code marks would only clutter plain text.
        Paragraph intro = new Paragraph(api.description().replace("`", ""));
        intro.setId("api-intro");
        add(intro);
        add(new Paragraph("Make a token under your account's API tokens (or POST /api/v1/me/tokens), then:"));
        Pre example = new Pre("TOKEN=…; CONSOLE=" + "https://console.example\n"
                + "curl -sS -H \"Authorization: Bearer $TOKEN\" \"$CONSOLE/api/v1/guests?limit=50\"");
        example.setId("api-example");
        add(example);
        Anchor download = new Anchor(DownloadHandler.fromInputStream(event -> new DownloadResponse(
                new ByteArrayInputStream(ApiDescription.raw().getBytes(StandardCharsets.UTF_8)), "openapi.json",
                "application/json", -1)), "Download the OpenAPI description (openapi.json)");
        download.setId("api-download");
        download.getElement().setAttribute("download", true);
        add(download);

        TextField filter = new TextField();
        filter.setId("api-filter");
        filter.setPlaceholder("Filter operations (path, summary, id)");
        filter.setClearButtonVisible(true);
        filter.setWidth("24rem");
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.addValueChangeListener(e -> filter(e.getValue()));
        shown.setId("api-shown");
        add(filter, shown);

        for (ApiDescription.Section section : api.sections()) {
            H3 heading = new H3(section.tag());
            add(heading, new Paragraph(section.description()));
            for (ApiDescription.Op op : section.operations()) {
                Details details = new Details(op.method() + " " + op.path() + " — " + op.summary(), body(op));
                details.setId("op-" + op.operationId());
                details.setWidthFull();
                operations.add(details);
                texts.add(op.text());
                add(details);
            }
        }
        filter("");
    }

    private static Div body(ApiDescription.Op op) {
        Div body = new Div();
        body.add(new Paragraph(op.description()));
        body.add(new Paragraph("operationId: " + op.operationId()));
        if (!op.parameters().isEmpty()) {
            StringBuilder params = new StringBuilder("Parameters:\n");
            for (ApiDescription.Param p : op.parameters()) {
                params.append("  ").append(p.name()).append(" (").append(p.in()).append(p.required() ? ", required" : "")
                        .append(")").append(p.description().isEmpty() ? "" : ": " + p.description()).append('\n');
            }
            body.add(new Pre(params.toString()));
        }
        if (op.bodySchema() != null) {
            body.add(new Paragraph("Body: " + op.bodySchema()));
            if (op.bodyExample() != null) {
                body.add(new Pre(op.bodyExample()));
            }
        }
        StringBuilder answers = new StringBuilder("Answers:\n");
        for (ApiDescription.Answer a : op.answers()) {
            answers.append("  ").append(a.status()).append(' ').append(a.mediaType()).append(" — ")
                    .append(a.description()).append('\n');
        }
        body.add(new Pre(answers.toString()));
        Pre curl = new Pre(op.curl());
        curl.addClassName("api-curl");
        body.add(curl);
        return body;
    }

    private void filter(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        int visible = 0;
        for (int i = 0; i < operations.size(); i++) {
            boolean show = wanted.isEmpty() || texts.get(i).contains(wanted);
            operations.get(i).setVisible(show);
            visible += show ? 1 : 0;
        }
        shown.setText(visible + " of " + operations.size() + " operations");
    }
}

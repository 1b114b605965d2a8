package org.vsconsole.guests;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Small pieces the guest page's tabs share: a list of facts and how an empty value reads. */
final class GuestPageParts {

    private GuestPageParts() {
    }

    static Div facts(String[][] rows) {
        Div list = new Div();
        list.addClassName("facts");
        for (String[] row : rows) {
            Div line = new Div(new Span(row[0]), new Span(row[1]));
            line.addClassName("fact");
            list.add(line);
        }
        return list;
    }

    static String orDash(@Nullable Object value) {
        return value == null || value.toString().isEmpty() ? "—" : value.toString();
    }

    static String join(List<String> values) {
        return values.isEmpty() ? "—" : String.join(", ", values);
    }
}

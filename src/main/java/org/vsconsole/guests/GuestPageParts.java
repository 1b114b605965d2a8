package org.vsconsole.guests;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import java.util.List;

/** Small pieces the guest page's tabs share: a list of facts, confirmations and notices. */
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

    static String orDash(Object value) {
        return value == null || value.toString().isEmpty() ? "—" : value.toString();
    }

    static String join(List<String> values) {
        return values.isEmpty() ? "—" : String.join(", ", values);
    }

    static void confirm(String header, String text, String action, Runnable onConfirm) {
        ConfirmDialog dialog = new ConfirmDialog(header, text, action, e -> onConfirm.run());
        dialog.setCancelable(true);
        dialog.setConfirmButtonTheme("error primary");
        dialog.open();
    }

    static void notice(String text, boolean success) {
        Notification.show(text, success ? 3000 : 8000, Notification.Position.TOP_CENTER)
                .addThemeVariants(success ? NotificationVariant.LUMO_SUCCESS : NotificationVariant.LUMO_ERROR);
    }
}

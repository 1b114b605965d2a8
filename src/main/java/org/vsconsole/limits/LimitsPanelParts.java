package org.vsconsole.limits;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.TextField;

/** Small pieces the limits panel and its sections share. */
final class LimitsPanelParts {

    private LimitsPanelParts() {
    }

    static TextField text(String id, String label, String value) {
        TextField f = new TextField(label);
        f.setId(id);
        f.setValue(value);
        return f;
    }

    static Div notice(String kind, String text) {
        Div d = new Div(new Span(text));
        d.addClassName("notice");
        if (!kind.isEmpty()) {
            d.addClassName(kind);
        }
        return d;
    }

    static void show(String text, NotificationVariant variant) {
        Notification n = Notification.show(text, 5000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(variant);
    }
}

package org.vsconsole.limits;

import com.vaadin.flow.component.textfield.TextField;

/** A labelled field the limits panel's sections share. */
final class LimitsPanelParts {

    private LimitsPanelParts() {
    }

    static TextField text(String id, String label, String value) {
        TextField f = new TextField(label);
        f.setId(id);
        f.setValue(value);
        return f;
    }
}

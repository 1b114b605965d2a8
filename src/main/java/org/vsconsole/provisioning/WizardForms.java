package org.vsconsole.provisioning;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.util.Arrays;

/** How a wizard field and step look, shared by the steps so they read as one form. */
final class WizardForms {

    private WizardForms() {
    }

    /** Lazy value changes: the live checks ask the disk, so not at every keystroke. */
    static TextField field(String label, String id) {
        TextField f = new TextField(label);
        f.setId(id);
        f.setValueChangeMode(ValueChangeMode.LAZY);
        f.setWidth("24em");
        return f;
    }

    /** One column at every width: a step is short, and a second column would split its order. */
    static Component section(String title, Component... fields) {
        FormLayout form = new FormLayout(fields);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        VerticalLayout v = new VerticalLayout(new H3(title), form);
        v.setPadding(false);
        v.addClassName("wizard-step");
        return v;
    }

    static Component[] concat(Component[] a, Component[] b) {
        Component[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

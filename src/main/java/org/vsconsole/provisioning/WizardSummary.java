package org.vsconsole.provisioning;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/**
 * The wizard's last step: what Create will ask for, in words, with the defaults the server will
 * fill in said as such, so nothing is built that the user did not see.
 */
final class WizardSummary extends Div {

    WizardSummary() {
        setId("wizard-summary");
        addClassName("facts");
    }

    void show(CreateGuestRequest r, BuildOptionsFields options, String limits) {
        removeAll();
        fact("Name", r.name());
        fact("Host name", orElse(r.hostname(), r.name()) + (r.domain().isBlank() ? "" : " (domain " + r.domain() + ")"));
        fact("Address", orElse(r.ip(), "next free of the pool") + "/" + orElse(r.prefix(), "default") + " on "
                + r.interfaceName());
        fact("Context", orElse(r.context(), "next free"));
        fact("Build", switch (orElse(r.build().method(), "skeleton")) {
            case "clone" -> "clone of " + orElse(r.build().source(), "(choose a guest)");
            case "debootstrap" -> options.describeDebian();
            default -> "skeleton (busybox)";
        });
        String setup = options.describeSetup();
        if (!setup.isEmpty()) {
            fact("Setup", setup);
        }
        fact("Limits", limits);
    }

    private void fact(String label, String value) {
        Div row = new Div(new Span(label), new Span(value));
        row.addClassName("fact");
        add(row);
    }

    private static String orElse(String v, String fallback) {
        return v == null || v.isBlank() ? fallback : v;
    }
}

package org.vsconsole.provisioning;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import org.jspecify.annotations.Nullable;

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
        fact("Name", orElse(r.name(), ""));
        fact("Host name", orElse(r.hostname(), orElse(r.name(), "")) + (orElse(r.domain(), "").isBlank()
                ? ""
                : " (domain "
                        + r.domain() + ")"));
        fact("Address", orElse(r.ip(), "next free of the pool") + "/" + orElse(r.prefix(), "default") + " on "
                + r.interfaceName());
        fact("Context", orElse(r.context(), "next free"));
        CreateGuestRequest.@Nullable Build build = r.build();
        fact("Build", switch (build == null ? "skeleton" : orElse(build.method(), "skeleton")) {
            case "clone" -> "clone of " + orElse(build == null ? null : build.source(), "(choose a guest)");
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

    private static String orElse(@Nullable String v, String fallback) {
        return v == null || v.isBlank() ? fallback : v;
    }
}

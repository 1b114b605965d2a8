package org.vsconsole.fleet;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;

/** A host's name in a grid: a link to its page for staff, who may open it; text for an owner, who may not. */
final class HostLink {

    private HostLink() {
    }

    static Component of(String host, boolean staff) {
        return staff ? new Anchor("hosts/" + host, host) : new Span(host);
    }
}

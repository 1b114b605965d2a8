package org.vsconsole.terminal;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import org.vsconsole.base.Feedback;
import org.vsconsole.base.MainLayout;

/**
 * A guest's terminal on a page of its own (several per user are fine). Open to every signed-in
 * user at the route so that a refusal is decided, and audited, here rather than silently by the
 * router; the refusal reads the same for a guest that does not exist.
 */
@Route(value = "guests/:name/terminal", layout = MainLayout.class)
@com.vaadin.flow.router.RouteAlias(value = "hosts/:host/guests/:name/terminal", layout = MainLayout.class)
@PageTitle("Terminal · VServer Console")
@PermitAll
public class TerminalView extends VerticalLayout implements BeforeEnterObserver {

    private final TerminalService terminals;

    public TerminalView(TerminalService terminals) {
        this.terminals = terminals;
        setSizeFull();
    }

    /** The page of a terminal in {@code guest}: a name of this host, or {@code host/name} of a managed host's guest. */
    public static String path(String guest) {
        int slash = guest.indexOf('/');
        return slash < 0
                ? "guests/" + guest + "/terminal"
                : "hosts/" + guest.substring(0, slash) + "/guests/" + guest.substring(slash + 1) + "/terminal";
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String guest = event.getRouteParameters().get("name").orElse("");
        String name = event.getRouteParameters().get("host").map(host -> host + "/" + guest).orElse(guest);
        removeAll();
        boolean allowed;
        try {
            allowed = terminals.mayOpen(name);
        } catch (RuntimeException e) {
            allowed = false;
        }
        if (!allowed) {
            try {
                terminals.refuseView(name);
            } catch (RuntimeException e) {
                // an invalid name: nothing to audit it against, the refusal stands
            }
            // Said in the page, as for a guest that does not exist: no hint whether it does.
            Div refused = Feedback.banner("warning", "No terminal for you in " + name + ".");
            refused.setId("terminal-refused");
            add(new H2("Terminal"), refused);
            return;
        }
        H2 title = new H2("Terminal · " + name);
        title.setId("terminal-title");
        add(title, new GuestTerminal(terminals, name, true));
    }
}

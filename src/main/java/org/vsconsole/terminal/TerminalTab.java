package org.vsconsole.terminal;

import com.vaadin.flow.component.Component;
import java.util.Optional;
import org.vsconsole.guests.GuestPageTab;

/** The guest page's Terminal tab, for those who may open a terminal in the guest. */
@org.springframework.stereotype.Component
class TerminalTab implements GuestPageTab {

    private final TerminalService terminals;

    TerminalTab(TerminalService terminals) {
        this.terminals = terminals;
    }

    @Override
    public String label() {
        return "Terminal";
    }

    @Override
    public int order() {
        return 70;
    }

    @Override
    public Optional<Component> create(String guest) {
        return terminals.mayOpen(guest) ? Optional.of(new GuestTerminal(terminals, guest, false)) : Optional.empty();
    }
}

package org.vsconsole.migration;

import com.vaadin.flow.component.Component;
import java.util.Optional;
import org.vsconsole.host.config.HostGrammar;
import org.vsconsole.guests.GuestPageTab;

/** The guest page's Move tab, for staff: the {@link MigrationForm} of this host's guest. */
@org.springframework.stereotype.Component
class MigrationTab implements GuestPageTab {

    private final MigrationForms forms;

    MigrationTab(MigrationForms forms) {
        this.forms = forms;
    }

    @Override
    public String label() {
        return "Move";
    }

    @Override
    public int order() {
        return 85;
    }

    @Override
    public Optional<Component> create(String guest) {
        return forms.allowed() ? Optional.of(forms.form(HostGrammar.LOCAL_HOST, guest)) : Optional.empty();
    }
}

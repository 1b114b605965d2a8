package org.vsconsole.migration;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import org.springframework.stereotype.Component;
import org.vsconsole.fleet.RemoteGuestAction;

/** "Move…" on a managed host's guest row: the Move tab's form in a dialog, for a guest of another host (a VServer host's, say). */
@Component
class MoveGuestAction implements RemoteGuestAction {

    private final MigrationForms forms;

    MoveGuestAction(MigrationForms forms) {
        this.forms = forms;
    }

    @Override
    public String label() {
        return "Move…";
    }

    @Override
    public String id() {
        return "host-guest-move-";
    }

    @Override
    public boolean allowed() {
        return forms.allowed();
    }

    @Override
    public void open(String host, String guest, Runnable changed) {
        Dialog dialog = new Dialog("Move " + guest + " from " + host);
        dialog.setWidth("min(60rem, 95vw)");
        dialog.add(forms.form(host, guest));
        Button close = new Button("Close", e -> {
            dialog.close();
            changed.run();
        });
        close.setId("move-close");
        dialog.getFooter().add(close);
        dialog.open();
    }
}

package org.vsconsole.limits;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import org.vsconsole.host.config.ConfigConflictException;

/** Says which files changed under a limits edit, that nothing was written, and offers to reload. */
final class LimitsConflictDialog {

    private LimitsConflictDialog() {
    }

    static void open(String guest, ConfigConflictException e, Runnable onReload) {
        Dialog dialog = new Dialog();
        dialog.setId("limits-conflict");
        dialog.setHeaderTitle("The configuration of " + guest + " changed");
        dialog.add(new Paragraph("Someone or something changed these files since the page read them. Nothing was"
                + " written or applied. Reload to see the current values, then make your change again."));
        UnorderedList list = new UnorderedList();
        list.setId("limits-conflict-files");
        if (e.changedPaths().isEmpty()) {
            list.add(new ListItem("(which files is unknown)"));
        }
        e.changedPaths().forEach(p -> list.add(new ListItem(p)));
        dialog.add(list);
        Button reload = new Button("Reload", VaadinIcon.REFRESH.create(), ev -> {
            dialog.close();
            onReload.run();
        });
        reload.setId("limits-reload");
        reload.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button close = new Button("Close", ev -> dialog.close());
        dialog.getFooter().add(close, reload);
        dialog.open();
    }
}

package org.vsconsole.sync;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import org.vsconsole.base.Feedback;
import org.vsconsole.security.CurrentUser;
import org.vsconsole.security.Role;

/**
 * The sync notice on a guest's page: for a guest changed outside the console, the changed files,
 * the diff against the accepted content and (for ADMIN and OPERATOR) Accept and Restore; for a
 * hand-made guest, an "Unmanaged" badge and Adopt. Hidden when there is nothing to say.
 */
public class DriftPanel extends Div {

    private final SyncService sync;
    private final DriftDecisions decisions;
    private final String guest;
    private final boolean staff;

    public DriftPanel(SyncService sync, DriftDecisions decisions, CurrentUser currentUser, String guest) {
        this.sync = sync;
        this.decisions = decisions;
        this.guest = guest;
        this.staff = currentUser.hasRole(Role.ADMIN) || currentUser.hasRole(Role.OPERATOR);
        setId("drift-panel");
        setWidthFull();
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        refresh();
    }

    /** Re-reads the guest's sync state and redraws. */
    public void refresh() {
        removeAll();
        GuestSyncStatus status = sync.status(guest).orElse(null);
        if (status == null || status.state() == SyncState.REMOVED || (!status.drift() && !status.unmanaged())) {
            setVisible(false);
            return;
        }
        setVisible(true);
        if (status.unmanaged()) {
            Span badge = new Span(VaadinIcon.QUESTION_CIRCLE_O.create(), new Span("Unmanaged"));
            badge.getElement().getThemeList().add("badge contrast");
            badge.setId("guest-unmanaged");
            Div box = new Div(badge, new Span(" This guest was made outside the console. Adopt it to track changes made by hand."));
            box.addClassNames("notice");
            if (staff) {
                Button adopt = new Button("Adopt", VaadinIcon.CHECK.create(), e -> run("Adopted", () -> decisions.adopt(guest)));
                adopt.setId("guest-adopt");
                adopt.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                box.add(adopt);
            }
            add(box);
            return;
        }
        DriftReport report;
        try {
            report = sync.drift(guest);
        } catch (RuntimeException e) {
            add(new Span("Changed outside the console; the difference cannot be shown: " + e.getMessage()));
            return;
        }
        Span title = new Span(VaadinIcon.WARNING.create(), new Span("Changed outside the console"));
        title.getElement().getThemeList().add("badge warning");
        title.setId("drift-badge");
        Div files = new Div(new Span("Files changed on disk since the console last wrote or accepted them: "
                + String.join(", ", report.changes().stream().map(c -> c.path() + " (" + c.kind() + ")").toList())));
        files.setId("drift-files");
        Pre diff = new Pre(report.diff());
        diff.setId("drift-diff");
        Details details = new Details("Show the difference", diff);
        details.setOpened(true);
        Div box = new Div(title, files, details);
        box.addClassNames("notice", "warning");
        if (staff) {
            String seen = report.currentDigest();
            Button accept = new Button("Accept", VaadinIcon.CHECK.create(),
                    e -> run("Accepted as the new configuration", () -> decisions.accept(guest, seen)));
            accept.setId("drift-accept");
            accept.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            Button restore = new Button("Restore", VaadinIcon.ARROW_BACKWARD.create(), e -> {
                Feedback.confirmDestructive("Restore " + guest + "?",
                        "The changed files get their accepted content back; files added by hand are removed.",
                        "Restore", () -> run("Restored the accepted configuration", () -> decisions.restore(guest, seen)));
            });
            restore.setId("drift-restore");
            restore.addThemeVariants(ButtonVariant.LUMO_ERROR);
            box.add(new HorizontalLayout(accept, restore));
        }
        add(box);
    }

    private void run(String done, Runnable action) {
        try {
            action.run();
            Feedback.success(done);
        } catch (RuntimeException e) {
            Feedback.error(e.getMessage());
        }
        refresh();
    }
}

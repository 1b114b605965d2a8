package org.vsconsole.guests;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;

/**
 * A guest's state as badges that say it in words (colour alone tells nothing to a screen reader
 * or a colour-blind admin), with the reason in the title where there is one.
 */
final class GuestBadges {

    private GuestBadges() {
    }

    /** The state badge plus the sync badges: changed outside the console, unmanaged. */
    static HorizontalLayout stateCell(GuestSummary guest) {
        HorizontalLayout cell = new HorizontalLayout(stateBadge(guest));
        cell.setSpacing(false);
        cell.getStyle().set("gap", "var(--lumo-space-xs)");
        if (guest.changedOutside()) {
            Span drift = new Span(VaadinIcon.WARNING.create(), new Span("Changed outside the console"));
            drift.getElement().getThemeList().add("badge warning");
            drift.addClassName("drift-badge");
            drift.getElement().setAttribute("title", "Changed on disk: " + String.join(", ", guest.changedFiles()));
            cell.add(drift);
        }
        if (guest.unmanaged()) {
            Span unmanaged = new Span(VaadinIcon.QUESTION_CIRCLE_O.create(), new Span("Unmanaged"));
            unmanaged.getElement().getThemeList().add("badge contrast");
            unmanaged.addClassName("unmanaged-badge");
            unmanaged.getElement().setAttribute("title", "Made outside the console; an admin can adopt it on its page");
            cell.add(unmanaged);
        }
        return cell;
    }

    static Span stateBadge(GuestSummary guest) {
        Span badge = new Span(guest.state().label());
        badge.getElement().getThemeList().add(switch (guest.state()) {
            case RUNNING -> "badge success";
            case STOPPED -> "badge contrast";
            case DISABLED -> "badge";
            case BROKEN, CONTEXT_CONFLICT -> "badge error";
        });
        if (guest.conflict() != null) {
            badge.getElement().setAttribute("title", guest.conflict());
        } else if (!guest.warnings().isEmpty()) {
            badge.getElement().setAttribute("title", String.join("\n", guest.warnings()));
        }
        return badge;
    }
}

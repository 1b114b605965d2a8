package org.vsconsole.fleet;

import com.vaadin.flow.component.html.Span;
import org.jspecify.annotations.Nullable;
import org.vsconsole.host.agent.HostGuest;

/** The state of another host's guest as the host page and the guest list show it. */
final class RemoteGuestBadges {

    private RemoteGuestBadges() {
    }

    /** {@code unknown} while its host cannot be reached, else {@code broken}, {@code running} or {@code stopped}. */
    static String label(HostGuest guest, boolean hostReachable) {
        return !hostReachable ? "unknown" : guest.problem() != null ? "broken" : guest.running() ? "running" : "stopped";
    }

    static Span badge(String label, @Nullable String title) {
        Span badge = new Span(label);
        badge.getElement().getThemeList().add(switch (label) {
            case "running" -> "badge success";
            case "stopped" -> "badge contrast";
            default -> "badge error";
        });
        if (title != null) {
            badge.getElement().setAttribute("title", title);
        }
        return badge;
    }
}

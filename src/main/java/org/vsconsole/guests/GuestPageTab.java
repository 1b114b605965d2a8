package org.vsconsole.guests;

import com.vaadin.flow.component.Component;
import java.util.Optional;

/**
 * A tab another feature adds to the guest page (the terminal, the history). The guest page lists
 * every bean of this type instead of knowing those features, so a feature that itself uses
 * {@link GuestService} can still appear on the page without a cycle between the two.
 */
public interface GuestPageTab {

    /** The tab's label; in lower case it is also the tab's name in the URL ({@code ?tab=}). */
    String label();

    /**
     * Where the tab goes among the page's own: Overview 10, Configuration 20, Network 30,
     * Processes 40, Context 45, Console 60, History 80, Audit 90; each order is taken once.
     */
    int order();

    /** The tab's content for {@code guest}, or empty when the signed-in user may not have it. */
    Optional<Component> create(String guest);
}

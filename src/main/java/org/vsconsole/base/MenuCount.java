package org.vsconsole.base;

import com.vaadin.flow.shared.Registration;

/**
 * A number a feature shows beside its menu entry (alerts fired lately, guests changed outside the
 * console), kept current by push. An interface in base because the menu is base's and must not
 * know the features that count.
 */
public interface MenuCount {

    /** The route of the menu entry it belongs to, e.g. {@code alerts}. */
    String path();

    /** The number for the signed-in user: only what that user may see counts. */
    int count();

    /** What the number means, for the title and screen readers, e.g. "3 alerts in the last 24 hours". */
    String describe(int count);

    /** Lumo's badge colour for it: {@code error}, {@code warning} or {@code contrast}. */
    default String tone() {
        return "contrast";
    }

    /** Calls {@code changed} whenever the number may have changed, until removed. */
    Registration subscribe(Runnable changed);
}

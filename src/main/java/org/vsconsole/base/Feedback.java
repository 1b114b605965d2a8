package org.vsconsole.base;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import org.jspecify.annotations.Nullable;

/**
 * How every view asks before a destructive action and tells what happened, so the console
 * speaks one way: a confirmation names what goes and has a red button and a way out; a success
 * goes away on its own, an error stays long enough to read; a banner on a page says in words
 * what the page cannot do and why.
 */
public final class Feedback {

    private static final int SUCCESS_MS = 3000;
    private static final int INFO_MS = 5000;
    private static final int ERROR_MS = 8000;

    private Feedback() {
    }

    /**
     * Opens a confirmation whose red button is {@code action}, with Cancel; returned so a caller
     * can name it for tests or word its Cancel.
     */
    public static ConfirmDialog confirmDestructive(String header, String text, String action, Runnable onConfirm) {
        ConfirmDialog dialog = new ConfirmDialog(header, text, action, e -> onConfirm.run());
        dialog.setCancelable(true);
        dialog.setConfirmButtonTheme("error primary");
        dialog.open();
        return dialog;
    }

    public static void success(String text) {
        show(text, SUCCESS_MS, NotificationVariant.LUMO_SUCCESS);
    }

    public static void info(String text) {
        show(text, INFO_MS, NotificationVariant.LUMO_CONTRAST);
    }

    /** Done, but not all of it took effect (a limit saved that this host does not enforce). */
    public static void warning(String text) {
        show(text, ERROR_MS, NotificationVariant.LUMO_WARNING);
    }

    /** {@code text} may be an exception's missing message: the user still learns that it failed. */
    public static void error(@Nullable String text) {
        show(text == null || text.isBlank() ? "The action failed; the console's log has the details." : text, ERROR_MS,
                NotificationVariant.LUMO_ERROR);
    }

    /** A banner on the page: {@code kind} is {@code warning}, {@code info}, {@code error} or empty for plain. */
    public static Div banner(String kind, String text) {
        Div banner = new Div(new Span(text));
        banner.addClassName("notice");
        if (!kind.isEmpty()) {
            banner.addClassName(kind);
        }
        return banner;
    }

    private static void show(String text, int millis, NotificationVariant variant) {
        Notification.show(text, millis, Notification.Position.TOP_CENTER).addThemeVariants(variant);
    }
}

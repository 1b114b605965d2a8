package org.vsconsole.base;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Shows errors that escape a view as a notification the user can read, never a stack trace:
 * a rule that was broken, a refusal, or a short message with the details in the server log.
 */
@Component
class UiErrorHandler implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(UiErrorHandler.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(UiErrorHandler::handle));
    }

    static void handle(ErrorEvent event) {
        Throwable cause = rootCause(event.getThrowable());
        String message;
        if (cause instanceof InvalidInputException invalid) {
            message = invalid.getMessage();
        } else if (cause instanceof AccessDeniedException) {
            message = "Access denied: you do not have the role or guest this needs.";
        } else {
            log.error("Unexpected error in the UI", event.getThrowable());
            message = "Something went wrong: " + Formats.reason(cause);
        }
        UI ui = UI.getCurrent();
        if (ui != null) {
            ui.access(() -> Notification.show(message, 6000, Notification.Position.TOP_CENTER)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR));
        }
    }

    private static Throwable rootCause(Throwable t) {
        Throwable current = t;
        while (current.getCause() != null && current.getCause() != current
                && !(current instanceof InvalidInputException) && !(current instanceof AccessDeniedException)) {
            current = current.getCause();
        }
        return current;
    }
}

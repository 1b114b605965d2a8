package org.vsconsole.audit;

import com.vaadin.flow.shared.Registration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who follows new audit rows as they are written: pages that show them without a reload. They
 * are told on the recording thread under the append lock, so a listener only hands the row over
 * (e.g. to {@code UI.access}); one that fails is passed over, never the action it was watching.
 */
final class AuditListeners {

    /** The audit service's log: a failing listener is part of its story. */
    private static final Logger log = LoggerFactory.getLogger(AuditService.class);

    private final List<Consumer<AuditEvent>> listeners = new CopyOnWriteArrayList<>();

    Registration add(Consumer<AuditEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void tell(AuditEvent appended) {
        for (Consumer<AuditEvent> listener : listeners) {
            try {
                listener.accept(appended);
            } catch (RuntimeException e) {
                // a page that went away must not fail the action it was watching
                log.debug("An audit listener failed", e);
            }
        }
    }
}

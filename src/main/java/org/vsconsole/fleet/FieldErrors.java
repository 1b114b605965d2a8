package org.vsconsole.fleet;

import com.vaadin.flow.component.HasValidation;
import java.util.Map;
import org.vsconsole.base.Feedback;
import org.vsconsole.base.InvalidInputException;

/** A refusal shown at the field it names; one naming no field of the form (the audit, the host) as a notification. */
final class FieldErrors {

    private FieldErrors() {
    }

    static void clear(Map<String, ? extends HasValidation> fields) {
        fields.values().forEach(f -> f.setInvalid(false));
    }

    static void show(Map<String, ? extends HasValidation> fields, InvalidInputException e) {
        HasValidation target = fields.get(e.field());
        if (target == null) {
            Feedback.error(e.getMessage());
            return;
        }
        target.setErrorMessage(e.rule());
        target.setInvalid(true);
    }
}

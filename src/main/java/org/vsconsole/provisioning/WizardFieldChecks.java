package org.vsconsole.provisioning;

import com.vaadin.flow.component.HasValidation;
import java.util.Optional;
import java.util.function.Supplier;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.config.HostGrammar;

/**
 * The checks the wizard makes as the user types: the same grammar the server applies on Create,
 * plus whether another guest already holds the address or context. They only inform; the server
 * checks everything again, since the disk may change between a keystroke and Create.
 */
final class WizardFieldChecks {

    private final GuestCreationService creation;

    WizardFieldChecks(GuestCreationService creation) {
        this.creation = creation;
    }

    Optional<String> name(String text) {
        return text.isEmpty() ? Optional.empty() : creation.checkName(text);
    }

    Optional<String> address(String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        try {
            HostGrammar.ipAddress(text);
        } catch (InvalidInputException e) {
            return Optional.of(e.rule());
        }
        return creation.whoHoldsAddress(text).map(holder -> "already used by " + holder);
    }

    Optional<String> context(String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        try {
            int xid = HostGrammar.contextId(text);
            return creation.whoHoldsXid(xid).map(holder -> "already used by " + holder);
        } catch (InvalidInputException e) {
            return Optional.of(e.rule());
        }
    }

    static void show(HasValidation field, Optional<String> error) {
        field.setErrorMessage(error.orElse(null));
        field.setInvalid(error.isPresent());
    }

    /** A suggestion that cannot be made (e.g. an exhausted pool) leaves the field empty, not the page broken. */
    static String suggest(Supplier<String> s) {
        try {
            return s.get();
        } catch (InvalidInputException e) {
            return "";
        }
    }
}

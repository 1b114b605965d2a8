package org.vsconsole.base;

/**
 * The action does not fit the state the target is in now (starting a guest that runs): the
 * request is fine and may work later, so REST answers 409, and the audit says denied.
 */
public class StateConflictException extends ActionRefusedException {

    public StateConflictException(String field, String rule) {
        super(field, rule);
    }
}

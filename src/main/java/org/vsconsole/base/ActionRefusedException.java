package org.vsconsole.base;

/**
 * The request was well formed, but the host's state forbids the action (another guest holds the
 * context, a running guest already answers for the address). Shown and returned like a broken
 * rule, and audited as denied rather than failed: nothing was attempted on the host.
 */
public class ActionRefusedException extends InvalidInputException {

    public ActionRefusedException(String field, String rule) {
        super(field, rule);
    }
}

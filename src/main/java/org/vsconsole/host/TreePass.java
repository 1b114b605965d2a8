package org.vsconsole.host;

import java.util.Locale;
import org.vsconsole.base.InvalidInputException;

/**
 * Which copy of a guest tree an archive is. {@code WHOLE}: the stopped guest at once. A pre-copy
 * is two: {@code FIRST} while the guest still runs (what changes meanwhile is caught later),
 * then, once it is stopped, {@code FINAL} with only what changed since the first, and what was
 * deleted, so its downtime is the time of the changes, not of the tree.
 */
public enum TreePass {

    WHOLE, FIRST, FINAL;

    /** The name on the wire: {@code whole}, {@code first}, {@code final}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TreePass of(String wire) {
        for (TreePass pass : values()) {
            if (pass.wire().equals(wire)) {
                return pass;
            }
        }
        throw new InvalidInputException("pass", "whole, first or final");
    }

    /** Whether the guest must be stopped for this pass (all but the first of a pre-copy). */
    public boolean needsStopped() {
        return this != FIRST;
    }
}

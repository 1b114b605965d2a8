package org.vsconsole.fleet;

/**
 * One more button on a managed host's guest row, given by a feature that builds on the fleet (the
 * move, for one) without the fleet knowing it: features above depend on the fleet, never the reverse.
 */
public interface RemoteGuestAction {

    String label();

    /** Element id prefix of the button; the guest's name is appended. */
    String id();

    /** Whether the signed-in user may use it. */
    boolean allowed();

    /** Opens the action for guest {@code guest} of host {@code host}; {@code changed} refreshes the row after. */
    void open(String host, String guest, Runnable changed);
}

package org.vsconsole.guests;

/** What the list shows for a guest's state. */
public enum GuestState {
    RUNNING("Running"),
    STOPPED("Stopped"),
    DISABLED("Disabled"),
    BROKEN("Needs attention");

    private final String label;

    GuestState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

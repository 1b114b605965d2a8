package org.vsconsole.guests;

/** What the list shows for a guest's state. */
public enum GuestState {

    RUNNING("Running"), STOPPED("Stopped"), DISABLED("Disabled"), BROKEN("Needs attention"),
    /** Another guest holds the context this guest's tree claims; nothing may be done to it. */
    CONTEXT_CONFLICT("Context conflict");

    private final String label;

    GuestState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

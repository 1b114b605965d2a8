package org.vsconsole.host;

import org.jspecify.annotations.Nullable;

/**
 * A host operation did not do what was asked. The message is meant for the user and, where a
 * command failed, carries the command's own words.
 */
public class HostOperationException extends RuntimeException {

    private final String operation;
    private final @Nullable String guest;

    public HostOperationException(String operation, @Nullable String guest, String message) {
        super(message);
        this.operation = operation;
        this.guest = guest;
    }

    public HostOperationException(String operation, @Nullable String guest, String message, Throwable cause) {
        super(message, cause);
        this.operation = operation;
        this.guest = guest;
    }

    public String operation() {
        return operation;
    }

    /** The guest the operation was for; null for one about the host as a whole. */
    public @Nullable String guest() {
        return guest;
    }
}

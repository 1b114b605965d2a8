package org.vsconsole.base;

/**
 * The console is read-only for now (its data directory's file system is full): the request is
 * fine and will work once space is freed, so REST answers 503 with the reason, the audit says
 * denied, and nothing was attempted.
 */
public class ReadOnlyModeException extends StateConflictException {

    public ReadOnlyModeException(String reason) {
        super("storage", reason);
    }
}

package org.vsconsole.sync;

import java.util.Locale;

/** Where a guest directory stands with the console. */
public enum SyncState {

    /** Known to the console; changes made outside it are reported as drift. */
    MANAGED,
    /** Made by hand and not adopted yet; shown, but its changes are not tracked as drift. */
    UNMANAGED,
    /** Its directory is gone; the row stays for history. */
    REMOVED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static SyncState fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}

package org.vsconsole.host.config;

/**
 * Told of every write the console makes through {@link GuestConfigWriter}, while the write lock
 * is still held, so a watcher of the tree can tell the console's own writes from hand edits.
 */
public interface ConfigWriteListener {

    /** A change was applied; {@code after} is the guest as read back, with its new digest. */
    void written(String guest, GuestConfig after);

    /** A new guest's config dir was created. */
    void created(String guest, GuestConfig after);

    /** A guest's config dir was removed. */
    void deleted(String guest);
}

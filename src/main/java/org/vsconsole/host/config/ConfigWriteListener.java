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

    /**
     * A change is about to write or remove these files of the guest (nothing is touched yet); the
     * listener may record them durably, so after a crash part-way the files tell what was done.
     */
    default void filesPlanned(String guest, java.util.List<PlannedFile> files) {
    }

    /** A guest's config dir was removed. */
    void deleted(String guest);

    /**
     * This guest's config dir is about to be made: by a driver's build itself ({@code vserver NAME
     * build}) or by {@link GuestConfigWriter#createGuest}'s rename; what appears there until
     * {@link #buildEnded} is the console's doing, not a hand edit.
     */
    default void buildStarting(String guest) {
    }

    /** The creation around that build ended, whether the guest was made or removed again. */
    default void buildEnded(String guest) {
    }
}

package org.vsconsole.audit;

/**
 * Lets tests of other features move the full-disk guard's floor (as ReadOnlyWhenDiskFullTest
 * does) to see the console read-only, without filling the disk.
 */
public final class StorageFloor {

    private StorageFloor() {
    }

    /** Floor above the real free space: the next check finds the disk full. */
    public static void full(StorageGuard storage) {
        storage.minFreeBytes(Long.MAX_VALUE);
        storage.check();
    }

    /** Floor back to one byte: the next check writes what was held and takes changes again. */
    public static void roomAgain(StorageGuard storage) {
        storage.minFreeBytes(1);
        storage.check();
    }
}

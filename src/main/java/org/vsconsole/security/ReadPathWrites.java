package org.vsconsole.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.vsconsole.audit.StorageGuard;
import org.jspecify.annotations.Nullable;

/**
 * Bookkeeping writes that reads make (a token's last use, the sign-in throttle's counters and
 * known addresses): while the disk is full they are skipped, and one that meets the full disk
 * tells the storage guard (read-only, database reopened) instead of failing the read with a 500.
 * Losing them costs little: a last-used time a few minutes old, a throttle that counts again
 * once the console writes again.
 */
@Component
class ReadPathWrites {

    private static final Logger log = LoggerFactory.getLogger(ReadPathWrites.class);

    /** Runs every write as is: for code built without Spring (unit tests). */
    static final ReadPathWrites DIRECT = new ReadPathWrites(null);

    private final @Nullable StorageGuard storage;

    ReadPathWrites(@Nullable StorageGuard storage) {
        this.storage = storage;
    }

    void run(String what, Runnable write) {
        if (storage == null) {
            write.run();
            return;
        }
        if (storage.problem().isPresent()) {
            log.debug("Skipped while read-only: {}", what);
            return;
        }
        try {
            write.run();
        } catch (RuntimeException e) {
            if (!storage.writeFailed(e)) {
                throw e;
            }
            log.warn("Skipped {}: the disk is full ({})", what, e.getMessage());
        }
    }
}

package org.vsconsole.sync;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the registry knows about one guest directory.
 *
 * @param acceptedDigest digest of the tree the console last wrote or an admin accepted
 * @param currentDigest  digest seen on disk at the last reconcile
 * @param drift          the tree differs from the accepted one and nobody accepted or restored it yet
 * @param changedFiles   paths (relative to the guest dir) that differ from the accepted tree
 */
public record GuestSyncStatus(String name, SyncState state, @Nullable String acceptedDigest, @Nullable String currentDigest,
        boolean drift, List<String> changedFiles, @Nullable Instant driftSince, Instant firstSeen, Instant lastSeen) {

    public GuestSyncStatus {
        changedFiles = changedFiles == null ? List.of() : List.copyOf(changedFiles);
    }

    public boolean unmanaged() {
        return state == SyncState.UNMANAGED;
    }
}

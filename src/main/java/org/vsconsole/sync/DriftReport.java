package org.vsconsole.sync;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A guest's drift as shown to an admin: each changed file and a unified-style diff of the small
 * text files (others are named with their fingerprints).
 *
 * @param currentDigest the digest the report was made from; accept and restore refuse if it moved on
 */
public record DriftReport(String guest, String currentDigest, List<FileChange> changes, String diff) {

    public DriftReport {
        changes = List.copyOf(changes);
    }

    /** One path that differs; {@code kind} is added, removed or changed. */
    public record FileChange(String path, String kind, @Nullable String acceptedFingerprint,
            @Nullable String currentFingerprint) {
    }
}

package org.vsconsole.terminal;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One terminal session as auditors see it: who, which guest, when, and its recording's hash.
 * {@code closedAt} is null while the session runs; {@code expired} once retention removed the file.
 */
public record TerminalRecording(
        String id,
        String guest,
        @Nullable Integer xid,
        String actor,
        Instant openedAt,
        @Nullable Instant closedAt,
        @Nullable String closeReason,
        @Nullable String sha256,
        @Nullable Long bytes,
        boolean inputRecorded,
        boolean expired) {

    public boolean live() {
        return closedAt == null;
    }
}

package org.vsconsole.terminal;

import java.time.Instant;

/**
 * One terminal session as auditors see it: who, which guest, when, and its recording's hash.
 * {@code closedAt} is null while the session runs; {@code expired} once retention removed the file.
 */
public record TerminalRecording(
        String id,
        String guest,
        Integer xid,
        String actor,
        Instant openedAt,
        Instant closedAt,
        String closeReason,
        String sha256,
        Long bytes,
        boolean inputRecorded,
        boolean expired) {

    public boolean live() {
        return closedAt == null;
    }
}

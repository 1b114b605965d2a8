package org.vsconsole.audit;

import org.jspecify.annotations.Nullable;

/**
 * Result of walking the chain: how many rows were checked, and when the chain is broken, the
 * sequence number of the first row that no longer fits and why.
 */
public record ChainVerification(boolean ok, long rows, @Nullable Long firstBrokenSeq, @Nullable String reason) {

    static ChainVerification intact(long rows) {
        return new ChainVerification(true, rows, null, null);
    }

    static ChainVerification broken(long rows, long seq, String reason) {
        return new ChainVerification(false, rows, seq, reason);
    }
}

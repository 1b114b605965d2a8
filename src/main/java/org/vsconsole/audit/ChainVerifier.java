package org.vsconsole.audit;

import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Checks that rows form one unbroken chain: sequence numbers without gaps from 1, each row's
 * {@code prev_hash} equal to the hash before it, and each stored hash equal to a fresh hash of
 * the row. Catches a changed column, a deleted, inserted or reordered row; with the anchor kept
 * outside the database, also rows cut off the end and a chain recomputed from scratch up to it.
 * Files that rows vouch for by hash (terminal recordings) are checked through
 * {@link AuditAttachmentCheck}s.
 */
final class ChainVerifier {

    private ChainVerifier() {
    }

    /** The first row that does not fit, and why. */
    private record Break(long seq, String reason) {
    }

    static ChainVerification verify(Consumer<Consumer<AuditEvent>> rowsInOrder, AuditAnchor.@Nullable Head anchor) {
        return verify(rowsInOrder, anchor, List.of());
    }

    /** As above, and each row's attached files (recordings) must still match what the row says. */
    static ChainVerification verify(Consumer<Consumer<AuditEvent>> rowsInOrder, AuditAnchor.@Nullable Head anchor,
            List<AuditAttachmentCheck> attachments) {
        var state = new Object() {

            long rows;
            @Nullable
            String anchoredHash;
            long expectedSeq = 1;
            String prevHash = AuditChain.GENESIS;
            @Nullable
            Break broken;
        };
        rowsInOrder.accept(e -> {
            state.rows++;
            if (state.broken != null) {
                return;
            }
            if (e.seq() != state.expectedSeq) {
                state.broken = new Break(e.seq(), "expected row " + state.expectedSeq
                        + " but found row " + e.seq() + " (a row is missing or was inserted)");
            } else if (!e.prevHash().equals(state.prevHash)) {
                state.broken = new Break(e.seq(),
                        "its link to the previous row does not match (a row before it was removed, inserted or changed)");
            } else if (!AuditChain.hash(e, e.prevHash()).equals(e.hash())) {
                state.broken = new Break(e.seq(), "its content does not match its hash (the row was changed)");
            } else {
                for (AuditAttachmentCheck check : attachments) {
                    var problem = check.problem(e);
                    if (problem.isPresent()) {
                        state.broken = new Break(e.seq(), problem.get());
                        break;
                    }
                }
            }
            if (anchor != null && e.seq() == anchor.seq()) {
                state.anchoredHash = e.hash();
            }
            state.expectedSeq = e.seq() + 1;
            state.prevHash = e.hash();
        });
        if (state.broken == null && anchor != null) {
            long last = state.expectedSeq - 1;
            if (anchor.seq() > last) {
                return ChainVerification.broken(state.rows, last + 1, "rows " + (last + 1) + " to " + anchor.seq()
                        + " are missing: the anchor kept outside the database names row " + anchor.seq()
                        + " as written (the log was cut off)");
            }
            if (!anchor.hash().equals(state.anchoredHash)) {
                return ChainVerification.broken(state.rows, anchor.seq(),
                        "it differs from the anchor kept outside the database (the chain was rewritten)");
            }
        }
        Break broken = state.broken;
        if (broken != null) {
            return ChainVerification.broken(state.rows, broken.seq(), broken.reason());
        }
        return ChainVerification.intact(state.rows);
    }
}

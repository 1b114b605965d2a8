package org.vsconsole.audit;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Whether the database's audit log still ends where the anchor outside it says. Checked before
 * every append: appending first would overwrite the anchor with the new head and hide rows cut
 * off the end (verification used to report a cut only until the next row was written).
 */
final class AuditIntegrity {

    private AuditIntegrity() {
    }

    /**
     * Whether the database holds exactly one row past the anchor that links to the anchored row
     * and matches its own hash: what a crash between the row's commit and the anchor's write leaves.
     */
    static boolean oneRowPastTheAnchor(AuditEvent head, AuditAnchor.Head anchor) {
        return head.seq() == anchor.seq() + 1 && head.prevHash().equals(anchor.hash())
                && AuditChain.hash(head, head.prevHash()).equals(head.hash());
    }

    /**
     * @param head         the newest row in the database, or null when there is none
     * @param anchorExists whether the anchor file exists (it may exist and be unreadable)
     * @param anchor       the anchored head, or null when missing or unreadable
     */
    static Optional<String> compare(@Nullable AuditEvent head, boolean anchorExists, AuditAnchor.@Nullable Head anchor) {
        if (!anchorExists) {
            // No rows and no anchor is a first start; rows without an anchor mean it was removed.
            return head == null
                    ? Optional.empty()
                    : Optional.of("the audit anchor file is missing while the database's"
                            + " log runs to row " + head.seq() + "; it is not recreated on its own");
        }
        if (anchor == null) {
            return Optional.of("the audit anchor file cannot be read");
        }
        if (head == null) {
            return Optional.of("the database holds no audit rows but the anchor names row " + anchor.seq()
                    + " (the log was emptied or the database replaced)");
        }
        if (head.seq() < anchor.seq()) {
            return Optional.of("rows " + (head.seq() + 1) + " to " + anchor.seq() + " of the audit log are missing"
                    + " (the log was cut off after row " + head.seq() + ")");
        }
        if (head.seq() > anchor.seq()) {
            return Optional.of("the audit log has rows after row " + anchor.seq() + ", which the anchor names as the last"
                    + " (rows were added behind the console's back)");
        }
        if (!head.hash().equals(anchor.hash())) {
            return Optional.of("row " + head.seq() + " differs from the anchor kept outside the database (the chain was"
                    + " rewritten)");
        }
        return Optional.empty();
    }
}

package org.vsconsole.audit;

import java.util.Optional;

/**
 * A feature whose audit rows vouch for a file outside the database (a terminal recording's
 * SHA-256): chain verification asks it about every row, so a changed or removed file breaks the
 * chain at the row that vouched for it, as a changed row would.
 */
public interface AuditAttachmentCheck {

    /** Why the file {@code row} vouches for no longer matches it; empty when it does or there is none. */
    Optional<String> problem(AuditEvent row);
}

package org.vsconsole.audit;

import org.vsconsole.base.StateConflictException;

/**
 * The audit log in the database does not match the anchor kept outside it, so nothing more is
 * appended to it and state-changing actions are refused until an admin has looked and re-anchored.
 */
public class AuditIntegrityException extends StateConflictException {

    public AuditIntegrityException(String problem) {
        super("audit", problem + ". Changes are refused until an admin reviews the audit log and re-anchors it"
                + " (Audit page, or POST /api/v1/audit/reanchor)");
    }
}

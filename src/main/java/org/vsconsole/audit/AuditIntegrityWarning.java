package org.vsconsole.audit;

import java.util.Optional;
import org.springframework.stereotype.Component;
import org.vsconsole.base.ShellWarning;

/** The banner on every page while the audit log does not match its anchor. */
@Component
class AuditIntegrityWarning implements ShellWarning {

    private final AuditService audit;

    AuditIntegrityWarning(AuditService audit) {
        this.audit = audit;
    }

    @Override
    public Optional<String> current() {
        return audit.integrityProblem().map(p -> "Audit log integrity: " + p
                + ". Changes are refused until an admin reviews the log and re-anchors it on the Audit page.");
    }
}

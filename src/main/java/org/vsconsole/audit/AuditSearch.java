package org.vsconsole.audit;

import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Reads the audit log: the Audit view's and the REST search with their filters (ADMIN and
 * AUDITOR), and a guest's own rows for its detail page. Apart from {@link AuditService}, which
 * appends: reading needs neither the append lock nor the anchor.
 */
@Service
public class AuditSearch {

    /** Rows of one page at most. */
    private static final int MAX_PAGE = 1000;

    private final AuditRepository repository;

    AuditSearch(AuditRepository repository) {
        this.repository = repository;
    }

    @PreAuthorize("hasAnyRole('ADMIN','AUDITOR')")
    public List<AuditEvent> find(AuditQuery query, int offset, int limit) {
        return repository.find(query, offset, Math.min(limit, MAX_PAGE));
    }

    @PreAuthorize("hasAnyRole('ADMIN','AUDITOR')")
    public long count(AuditQuery query) {
        return repository.count(query);
    }

    /** Events of one guest, for its detail page; callers check that the user may see the guest. */
    @PreAuthorize("isAuthenticated()")
    public List<AuditEvent> findForGuest(String guest, int offset, int limit) {
        return repository.find(AuditQuery.forGuest(guest), offset, Math.min(limit, MAX_PAGE)).stream()
                .filter(e -> guest.equals(e.targetGuest()))
                .toList();
    }
}

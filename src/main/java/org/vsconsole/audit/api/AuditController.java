package org.vsconsole.audit.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vsconsole.audit.AuditEvent;
import org.vsconsole.audit.AuditQuery;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.ChainVerification;
import org.vsconsole.audit.Outcome;
import org.vsconsole.base.InvalidInputException;

/** The audit log over REST, with the Audit view's filters, and chain verification. */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    record Page(long total, int offset, int limit, List<AuditEvent> events) {
    }

    private final AuditService audit;

    AuditController(AuditService audit) {
        this.audit = audit;
    }

    @GetMapping
    Page find(@RequestParam(required = false) String actor,
              @RequestParam(required = false) String action,
              @RequestParam(required = false) String target,
              @RequestParam(required = false) String outcome,
              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
              @RequestParam(defaultValue = "0") int offset,
              @RequestParam(defaultValue = "100") int limit) {
        if (offset < 0) {
            throw new InvalidInputException("offset", "must be 0 or more");
        }
        if (limit < 1 || limit > 1000) {
            throw new InvalidInputException("limit", "must be between 1 and 1000");
        }
        AuditQuery q = new AuditQuery(actor, action, target, outcome(outcome), from, to);
        return new Page(audit.count(q), offset, limit, audit.find(q, offset, limit));
    }

    record Reanchor(String reason) {
    }

    /** ADMIN, after reviewing a mismatch between the log and its anchor; answers the new head. */
    @org.springframework.web.bind.annotation.PostMapping("/reanchor")
    Map<String, Object> reanchor(@org.springframework.web.bind.annotation.RequestBody(required = false) Reanchor body) {
        AuditEvent row = audit.reanchor(body == null ? null : body.reason());
        return Map.of("reanchored", true, "seq", row.seq(), "hash", row.hash());
    }

    @GetMapping("/verify")
    Map<String, Object> verify() {
        ChainVerification result = audit.verify();
        if (result.ok()) {
            return Map.of("ok", true, "rows", result.rows());
        }
        return Map.of("ok", false, "rows", result.rows(), "firstBrokenSeq", result.firstBrokenSeq(),
                "reason", result.reason());
    }

    private static Outcome outcome(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (Outcome o : Outcome.values()) {
            if (o.dbValue().equals(value)) {
                return o;
            }
        }
        throw new InvalidInputException("outcome", "must be one of ok, denied, failed");
    }
}

package org.vsconsole.audit.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.vsconsole.apidocs.ApiTags;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.Parameter;
import org.vsconsole.base.Paging;
import org.springframework.http.ResponseEntity;
import java.time.Instant;
import java.util.List;
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
import org.jspecify.annotations.Nullable;
import org.vsconsole.audit.AuditSearch;

/** The audit log over REST, with the Audit view's filters, and chain verification. */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = ApiTags.AUDIT)
class AuditController {

    @Schema(name = "AuditPage")
    record Page(long total, int offset, int limit, List<AuditEvent> events) {
    }

    private final AuditService audit;
    private final AuditSearch search;

    AuditController(AuditService audit, AuditSearch search) {
        this.audit = audit;
        this.search = search;
    }

    @GetMapping
    @Operation(operationId = "searchAudit", summary = "Search the audit log", description = "Events newest first, filtered like the Audit view; paged with offset and limit, the"
            + " total both in the body and in X-Total-Count. ADMIN and AUDITOR.")
    @ApiResponse(responseCode = "200", description = "A page of events", headers = @Header(name = Paging.TOTAL_HEADER, description = "All matching events", schema = @Schema(type = "integer")))
    ResponseEntity<Page> find(@RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String target,
            @Parameter(description = "ok, denied or failed") @RequestParam(required = false) @Nullable String outcome,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
            @RequestParam(defaultValue = "0") int offset,
            @Parameter(description = "1 to 1000") @RequestParam(defaultValue = "100") int limit,
            @Parameter(description = "The host a row is about: local, or a managed host's name") @RequestParam(required = false) @Nullable String host) {
        new Paging(offset, limit);
        AuditQuery q = new AuditQuery(actor, action, target, outcome(outcome), from, to, host);
        long total = search.count(q);
        return ResponseEntity.ok().header(Paging.TOTAL_HEADER, Long.toString(total))
                .body(new Page(total, offset, limit, search.find(q, offset, limit)));
    }

    @Schema(example = "{\"reason\":\"anchor file restored from backup after review\"}")
    record Reanchor(@Nullable String reason) {
    }

    record Reanchored(boolean reanchored, long seq, String hash) {
    }

    @Schema(description = "ok, with firstBrokenSeq and reason when the chain is broken")
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record Verification(boolean ok, long rows, @Nullable Long firstBrokenSeq, @Nullable String reason) {
    }

    /** ADMIN, after reviewing a mismatch between the log and its anchor; answers the new head. */
    @org.springframework.web.bind.annotation.PostMapping("/reanchor")
    @Operation(operationId = "reanchorAudit", summary = "Re-anchor the audit chain", description = "After an ADMIN reviewed a mismatch between the log and its anchor: records the reason and"
            + " makes the current head the anchor; answers the new head.")
    Reanchored reanchor(@org.springframework.web.bind.annotation.RequestBody(required = false) @Nullable Reanchor body) {
        AuditEvent row = audit.reanchor(body == null ? null : body.reason());
        return new Reanchored(true, row.seq(), row.hash());
    }

    @GetMapping("/verify")
    @Operation(operationId = "verifyAudit", summary = "Verify the audit chain", description = "Recomputes the hash chain over every row and checks the anchor; says where it first"
            + " breaks. ADMIN and AUDITOR.")
    Verification verify() {
        ChainVerification result = audit.verify();
        if (result.ok()) {
            return new Verification(true, result.rows(), null, null);
        }
        return new Verification(false, result.rows(), result.firstBrokenSeq(), result.reason());
    }

    private static @Nullable Outcome outcome(@Nullable String value) {
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

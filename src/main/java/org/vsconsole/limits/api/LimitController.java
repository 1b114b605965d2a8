package org.vsconsole.limits.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vsconsole.apidocs.ApiTags;
import org.vsconsole.base.ApiErrors;
import org.vsconsole.base.IfMatch;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.DiskQuotaState;
import org.vsconsole.host.DiskUsage;
import org.vsconsole.limits.DiskLimitEdit;
import org.vsconsole.limits.GuestLimits;
import org.vsconsole.limits.LimitEdit;
import org.vsconsole.limits.LimitPreset;
import org.vsconsole.limits.LimitPresetService;
import org.vsconsole.limits.LimitRow;
import org.vsconsole.limits.DiskLimitService;
import org.vsconsole.limits.LimitService;
import org.vsconsole.limits.TmpSizeService;
import org.vsconsole.limits.PresetResult;
import org.jspecify.annotations.Nullable;

/**
 * Limits over REST, with the same validation, authorisation and audit as the page (both go
 * through {@link LimitService}). Limit values may be sent as JSON numbers or strings
 * ({@code "inf"} for unlimited); anything but whole ASCII-decimal numbers is refused. Writes
 * check the guest's digest: from {@code If-Match} (412 when stale) or from the body (409).
 */
@RestController
@Tag(name = ApiTags.LIMITS)
class LimitController {

    private static final String IF_MATCH_DOC = "The guest's ETag as read (instead of `digest` in the body);"
            + " a stale one answers 412 and changes nothing.";

    /** One limit in the limit's unit; -1 = unlimited, null = not running. */
    record LimitJson(String unit, boolean primary, @Nullable Long current, @Nullable Long min, @Nullable Long max,
            @Nullable Long soft, @Nullable Long hard, @Nullable Long hits,
            long savedSoft, long savedHard, boolean differs) {
    }

    record LimitsJson(String guest, String digest, boolean running, String driver, long pageSize,
            Map<String, LimitJson> limits, Object diskLimits, boolean diskLimitsEnforced, DiskQuotaJson diskQuota,
            @Nullable String tmpSize, @Nullable Boolean liveApplied) {
    }

    /**
     * The guest's disk limit as the host holds it: {@code state} is {@code enforced} or
     * {@code not enforced: <why>}; figures are the kernel's, null where it reports none.
     */
    record DiskQuotaJson(boolean enforced, String state, @Nullable String reason, @Nullable Long usedKiB,
            @Nullable Long inodesUsed, @Nullable Long limitKiB, @Nullable Long limitInodes) {

        static DiskQuotaJson of(DiskQuotaState q) {
            return new DiskQuotaJson(q.enforced(), q.summary(), q.reason(), known(q.usedKiB()), known(q.inodesUsed()),
                    known(q.limitKiB()), known(q.limitInodes()));
        }

        private static @Nullable Long known(long value) {
            return value == DiskQuotaState.UNKNOWN ? null : value;
        }
    }

    /** Values as sent: numbers or strings. */
    @Schema(description = "A limit's soft and hard value: a whole number (JSON number or string) or \"inf\".")
    record LimitBody(Object soft, Object hard) {
    }

    @Schema(example = """
            {"limits":{"nproc":{"soft":100,"hard":120}},"live":true,"persistent":true,\
            "digest":"3f1c0d9e5b7a4c2e8f6d1b0a9c8e7d6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d"}""")
    record LimitsRequest(@Schema(description = "By limit name (nproc, nofile, as, rss, ...)") Map<String, LimitBody> limits,
            @Schema(description = "Apply to the running context now") Boolean live,
            @Schema(description = "Save in the guest's config tree") Boolean persistent,
            @Schema(description = "The digest as read; optional when If-Match is sent") String digest) {
    }

    @Schema(example = "{\"size\":\"64m\",\"live\":false,\"persistent\":true}")
    record TmpRequest(String size, Boolean live, Boolean persistent, String digest) {
    }

    @Schema(example = "{\"directory\":\"/var/lib/vservers/web1\",\"spaceTotalKiB\":1048576,\"inodesTotal\":100000,"
            + "\"reservedPercent\":5}")
    record DiskLimitRequest(@Nullable Object directory, @Nullable Object spaceTotalKiB, @Nullable Object inodesTotal,
            @Nullable Object reservedPercent, @Nullable String digest) {
    }

    @Schema(example = "{\"guests\":[\"web1\",\"web2\"]}")
    record PresetApplyRequest(List<String> guests) {
    }

    private final LimitService service;
    private final DiskLimitService disks;
    private final TmpSizeService tmp;
    private final LimitPresetService presets;

    LimitController(LimitService service, DiskLimitService disks, TmpSizeService tmp, LimitPresetService presets) {
        this.service = service;
        this.disks = disks;
        this.tmp = tmp;
        this.presets = presets;
    }

    @GetMapping("/api/v1/guests/{name}/limits")
    @Operation(operationId = "getLimits", summary = "Read a guest's limits", description = "Every limit as saved and, for a running guest, as the kernel holds it now, with the"
            + " tmpfs size, disk limits and the guest's digest (also the ETag).")
    @ApiResponse(responseCode = "200", description = "The guest's limits", headers = @Header(name = "ETag", description = "The digest of the guest's config tree", schema = @Schema(type = "string")))
    ResponseEntity<LimitsJson> get(@PathVariable String name) {
        LimitsJson limits = json(service.limits(name));
        return ResponseEntity.ok().eTag(IfMatch.etag(limits.digest())).body(limits);
    }

    @PutMapping("/api/v1/guests/{name}/limits")
    @Operation(operationId = "setLimits", summary = "Change a guest's limits", description = "Saves (persistent) and/or applies live (live) the limits given; all are checked first and"
            + " nothing is written or applied when one is wrong. ADMIN and OPERATOR.")
    @ApiErrors({409, 412})
    ResponseEntity<LimitsJson> put(@PathVariable String name, @RequestBody LimitsRequest request,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        if (request == null) {
            throw new InvalidInputException("body", "a JSON body with limits, live, persistent and digest is required");
        }
        Map<String, LimitEdit> edits = new LinkedHashMap<>();
        if (request.limits() != null) {
            request.limits().forEach((k, v) -> edits.put(k, v == null ? null : new LimitEdit(text(v.soft()), text(v.hard()))));
        }
        String digest = expected(name, ifMatch, request.digest());
        return answer(service.apply(name, edits, flag(request.live()), flag(request.persistent()), digest));
    }

    @PutMapping("/api/v1/guests/{name}/tmp")
    @Operation(operationId = "setTmpSize", summary = "Change the size of a guest's /tmp", description = "Sets the tmpfs size of the guest's /tmp (like 64m), saved and/or remounted live."
            + " ADMIN and OPERATOR.")
    @ApiErrors({409, 412})
    ResponseEntity<LimitsJson> tmp(@PathVariable String name, @RequestBody TmpRequest request,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        if (request == null) {
            throw new InvalidInputException("body", "a JSON body with size, live, persistent and digest is required");
        }
        String digest = expected(name, ifMatch, request.digest());
        return answer(tmp.setTmpSize(name, request.size(), flag(request.live()), flag(request.persistent()), digest));
    }

    @GetMapping("/api/v1/guests/{name}/disk-usage")
    @Operation(operationId = "getDiskUsage", summary = "Measure a guest's disk use", description = "The space and inodes the guest's root uses now, as the host counts them.")
    DiskUsage diskUsage(@PathVariable String name) {
        return disks.diskUsage(name);
    }

    @PutMapping("/api/v1/guests/{name}/dlimits/{id}")
    @Operation(operationId = "setDiskLimit", summary = "Set a guest's disk limit", description = "Creates or changes disk limit `id` (0, 1, ...): directory, space in KiB, inodes, reserved"
            + " percent. ADMIN and OPERATOR.")
    @ApiErrors({409, 412})
    ResponseEntity<LimitsJson> setDiskLimit(@PathVariable String name, @PathVariable String id,
            @RequestBody DiskLimitRequest body,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        DiskLimitRequest b = body == null ? new DiskLimitRequest(null, null, null, null, null) : body;
        DiskLimitEdit edit = new DiskLimitEdit(id, text(b.directory()), text(b.spaceTotalKiB()), text(b.inodesTotal()),
                text(b.reservedPercent()));
        return answer(disks.setDiskLimit(name, edit, expected(name, ifMatch, b.digest())));
    }

    @DeleteMapping("/api/v1/guests/{name}/dlimits/{id}")
    @Operation(operationId = "removeDiskLimit", summary = "Remove a guest's disk limit", description = "Removes disk limit `id`; the digest comes as a query parameter or as If-Match.")
    @ApiErrors({409, 412})
    ResponseEntity<LimitsJson> removeDiskLimit(@PathVariable String name, @PathVariable String id,
            @Parameter(description = "The guest's digest as read; optional with If-Match") @RequestParam(required = false) String digest,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return answer(disks.removeDiskLimit(name, id, expected(name, ifMatch, digest)));
    }

    @GetMapping("/api/v1/limit-presets")
    @Operation(operationId = "listLimitPresets", summary = "List limit presets", description = "The named sets of limits an ADMIN or OPERATOR can apply to guests at once.")
    List<LimitPreset> presets() {
        return presets.list();
    }

    @PostMapping("/api/v1/limit-presets/{preset}/apply")
    @Operation(operationId = "applyLimitPreset", summary = "Apply a limit preset to guests", description = "Saves the preset's limits in each guest given (and applies them live to running ones);"
            + " answers one result per guest, so one guest's refusal does not stop the others.")
    List<PresetResult> applyPreset(@PathVariable String preset, @RequestBody PresetApplyRequest request) {
        return presets.apply(preset, request == null ? null : request.guests());
    }

    private @Nullable String expected(String name, @Nullable String ifMatch, @Nullable String bodyDigest) {
        return IfMatch.expected(ifMatch, () -> service.limits(name).digest(), bodyDigest);
    }

    private static ResponseEntity<LimitsJson> answer(GuestLimits limits) {
        LimitsJson json = json(limits);
        return ResponseEntity.ok().eTag(IfMatch.etag(json.digest())).body(json);
    }

    private static boolean flag(Boolean b) {
        return b != null && b;
    }

    /** JSON numbers keep their written form (1.5 stays "1.5" and is refused); null stays null. */
    private static @Nullable String text(@Nullable Object v) {
        return v == null ? null : v.toString();
    }

    private static LimitsJson json(GuestLimits g) {
        Map<String, LimitJson> rows = new LinkedHashMap<>();
        for (LimitRow r : g.rows()) {
            rows.put(r.name(), new LimitJson(r.unit(), r.primary(), r.current(), r.min(), r.max(), r.liveSoft(),
                    r.liveHard(), r.hits(), r.savedSoft(), r.savedHard(), r.differs()));
        }
        return new LimitsJson(g.guest(), g.digest(), g.running(), g.driver(), g.pageSize(), rows, g.diskLimits(),
                g.diskEnforced(), DiskQuotaJson.of(g.diskQuota()), g.tmpSize(), g.liveApplied());
    }
}

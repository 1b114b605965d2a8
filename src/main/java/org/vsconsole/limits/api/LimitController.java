package org.vsconsole.limits.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.DiskQuotaState;
import org.vsconsole.host.DiskUsage;
import org.vsconsole.limits.DiskLimitEdit;
import org.vsconsole.host.DiskUsage;
import org.vsconsole.limits.GuestLimits;
import org.vsconsole.limits.LimitEdit;
import org.vsconsole.limits.LimitPreset;
import org.vsconsole.limits.LimitPresetService;
import org.vsconsole.limits.LimitRow;
import org.vsconsole.limits.DiskLimitService;
import org.vsconsole.limits.LimitService;
import org.vsconsole.limits.TmpSizeService;
import org.vsconsole.limits.PresetResult;

/**
 * Limits over REST, with the same validation, authorisation and audit as the page (both go
 * through {@link LimitService}). Limit values may be sent as JSON numbers or strings
 * ({@code "inf"} for unlimited); anything but whole ASCII-decimal numbers is refused.
 */
@RestController
class LimitController {

    /** One limit in the limit's unit; -1 = unlimited, null = not running. */
    record LimitJson(String unit, boolean primary, Long current, Long min, Long max, Long soft, Long hard, Long hits,
            long savedSoft, long savedHard, boolean differs) {
    }

    record LimitsJson(String guest, String digest, boolean running, String driver, long pageSize,
            Map<String, LimitJson> limits, Object diskLimits, boolean diskLimitsEnforced, DiskQuotaJson diskQuota,
            String tmpSize, Boolean liveApplied) {
    }

    /**
     * The guest's disk limit as the host holds it: {@code state} is {@code enforced} or
     * {@code not enforced: <why>}; figures are the kernel's, null where it reports none.
     */
    record DiskQuotaJson(boolean enforced, String state, String reason, Long usedKiB, Long inodesUsed, Long limitKiB,
            Long limitInodes) {

        static DiskQuotaJson of(DiskQuotaState q) {
            return new DiskQuotaJson(q.enforced(), q.summary(), q.reason(), known(q.usedKiB()), known(q.inodesUsed()),
                    known(q.limitKiB()), known(q.limitInodes()));
        }

        private static Long known(long value) {
            return value == DiskQuotaState.UNKNOWN ? null : value;
        }
    }

    /** Values as sent: numbers or strings. */
    record LimitBody(Object soft, Object hard) {
    }

    record LimitsRequest(Map<String, LimitBody> limits, Boolean live, Boolean persistent, String digest) {
    }

    record TmpRequest(String size, Boolean live, Boolean persistent, String digest) {
    }

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
    LimitsJson get(@PathVariable String name) {
        return json(service.limits(name));
    }

    @PutMapping("/api/v1/guests/{name}/limits")
    LimitsJson put(@PathVariable String name, @RequestBody LimitsRequest request) {
        if (request == null) {
            throw new InvalidInputException("body", "a JSON body with limits, live, persistent and digest is required");
        }
        Map<String, LimitEdit> edits = new LinkedHashMap<>();
        if (request.limits() != null) {
            request.limits().forEach((k, v) -> edits.put(k, v == null ? null : new LimitEdit(text(v.soft()), text(v.hard()))));
        }
        return json(service.apply(name, edits, flag(request.live()), flag(request.persistent()), request.digest()));
    }

    @PutMapping("/api/v1/guests/{name}/tmp")
    LimitsJson tmp(@PathVariable String name, @RequestBody TmpRequest request) {
        if (request == null) {
            throw new InvalidInputException("body", "a JSON body with size, live, persistent and digest is required");
        }
        return json(tmp.setTmpSize(name, request.size(), flag(request.live()), flag(request.persistent()),
                request.digest()));
    }

    @GetMapping("/api/v1/guests/{name}/disk-usage")
    DiskUsage diskUsage(@PathVariable String name) {
        return disks.diskUsage(name);
    }

    @PutMapping("/api/v1/guests/{name}/dlimits/{id}")
    LimitsJson setDiskLimit(@PathVariable String name, @PathVariable String id, @RequestBody Map<String, Object> body) {
        DiskLimitEdit edit = new DiskLimitEdit(id, text(body.get("directory")), text(body.get("spaceTotalKiB")),
                text(body.get("inodesTotal")), text(body.get("reservedPercent")));
        return json(disks.setDiskLimit(name, edit, text(body.get("digest"))));
    }

    @DeleteMapping("/api/v1/guests/{name}/dlimits/{id}")
    LimitsJson removeDiskLimit(@PathVariable String name, @PathVariable String id,
            @org.springframework.web.bind.annotation.RequestParam String digest) {
        return json(disks.removeDiskLimit(name, id, digest));
    }

    @GetMapping("/api/v1/limit-presets")
    List<LimitPreset> presets() {
        return presets.list();
    }

    @PostMapping("/api/v1/limit-presets/{preset}/apply")
    List<PresetResult> applyPreset(@PathVariable String preset, @RequestBody PresetApplyRequest request) {
        return presets.apply(preset, request == null ? null : request.guests());
    }

    private static boolean flag(Boolean b) {
        return b != null && b;
    }

    /** JSON numbers keep their written form (1.5 stays "1.5" and is refused); null stays null. */
    private static String text(Object v) {
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

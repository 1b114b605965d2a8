package org.vsconsole.limits;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditedAction;
import org.vsconsole.base.GuestLocks;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.ContextOccupants;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.config.ConfigChange;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.HostGrammar;
import org.jspecify.annotations.Nullable;

/**
 * The size of a guest's {@code /tmp} tmpfs, saved in its fstab and/or applied by remounting it
 * in the running guest; never 0 (unlimited) and never above the host's memory.
 */
@Service
public class TmpSizeService {

    private final LimitService limits;
    private final HostDriver driver;
    private final ContextOccupants occupants;
    private final HostFacts facts;
    private final AuditService audit;
    private final GuestLocks locks;

    TmpSizeService(LimitService limits, HostDriver driver, ContextOccupants occupants, HostFacts facts, AuditService audit,
            GuestLocks locks) {
        this.limits = limits;
        this.driver = driver;
        this.occupants = occupants;
        this.facts = facts;
        this.audit = audit;
        this.locks = locks;
    }

    /**
     * Sets the {@code size=} of the guest's {@code /tmp} tmpfs: in the fstab ({@code persistent})
     * and/or by remounting it in the running guest ({@code live}). Sizes: digits with k, m or g,
     * larger than zero and not above the host's memory.
     */
    @PreAuthorize(LimitService.STAFF)
    @AuditedAction(AuditActions.LIMITS_TMP_SIZE)
    public GuestLimits setTmpSize(String guest, String size, boolean live, boolean persistent, @Nullable String digest) {
        GuestConfig config = limits.config(guest);
        String checked = tmpSize(size);
        if (!live && !persistent) {
            throw new InvalidInputException("mode", "choose to apply the size now, save it, or both");
        }
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("tmpSize", config.tmpSize());
        AtomicReference<GuestLimits> result = new AtomicReference<>();
        audit.audited(AuditActions.LIMITS_TMP_SIZE, LimitService.target(config), before,
                () -> locks.withLock(guest, AuditActions.LIMITS_TMP_SIZE, () -> {
                    GuestConfig current = limits.requireDigest(limits.config(guest), digest);
                    if (live) {
                        occupants.now().refuseIfInConflict(guest);
                    }
                    limits.refuseIfUnmanaged(guest);
                    GuestSpec spec = limits.spec(current);
                    boolean running = driver.isRunning(spec);
                    if (live && !running && !persistent) {
                        throw new InvalidInputException("live",
                                "'" + guest + "' is not running; save the size so it applies at its next start");
                    }
                    if (persistent) {
                        current = limits.write(current, new ConfigChange.SetTmpSize(checked));
                    }
                    boolean applied = false;
                    if (live && running) {
                        driver.remountTmp(limits.spec(current), checked);
                        applied = true;
                    }
                    result.set(limits.read(limits.config(guest), true).withLiveApplied(applied));
                    Map<String, Object> after = new LinkedHashMap<>();
                    after.put("tmpSize", result.get().tmpSize());
                    after.put("liveApplied", applied);
                    return after;
                }));
        return result.get();
    }

    /** tmpfs size: grammar, then above zero and at most the host's memory. */
    String tmpSize(String size) {
        String s = HostGrammar.tmpfsSize(size == null ? null : size.trim());
        long bytes = tmpBytes(s);
        if (bytes <= 0) {
            throw new InvalidInputException("tmp size", "must be larger than 0 (size=0 would make the tmpfs unlimited)");
        }
        long mem = facts.memTotalBytes();
        if (mem <= 0) {
            throw new InvalidInputException("tmp size", "the host's memory size cannot be read, so no size can be checked");
        }
        if (bytes > mem) {
            throw new InvalidInputException("tmp size", "must not exceed the host's memory (" + mem / (1024 * 1024) + "m)");
        }
        return s;
    }

    static long tmpBytes(String s) {
        char last = s.charAt(s.length() - 1);
        long mult = switch (last) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1;
        };
        String digits = mult == 1 ? s : s.substring(0, s.length() - 1);
        long n = Long.parseLong(digits);
        return n > Long.MAX_VALUE / mult ? Long.MAX_VALUE : n * mult;
    }
}

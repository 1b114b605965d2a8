package org.vsconsole.limits;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditedAction;
import org.vsconsole.base.GuestLocks;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.DiskQuotaState;
import org.vsconsole.host.DiskUsage;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.GuestSpecs;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.HostProperties;
import org.vsconsole.host.config.ConfigChange;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.HostGrammar;
import org.jspecify.annotations.Nullable;

/**
 * A guest's disk limit ({@code dlimits/<id>/}) and the space its tree uses. Like every limit
 * change: validated first, checked against the digest the caller read, audited, under the
 * guest's lock; ADMIN and OPERATOR only.
 */
@Service
public class DiskLimitService {

    private final LimitService limits;
    private final DiskQuotas quotas;
    private final AuditService audit;
    private final GuestLocks locks;
    private final HostProperties host;
    private final Duration diskUsageBound;
    private final HostDriver driver;

    DiskLimitService(LimitService limits, DiskQuotas quotas, AuditService audit, GuestLocks locks, HostProperties host,
            LimitsProperties settings, HostDriver driver) {
        this.driver = driver;
        this.limits = limits;
        this.quotas = quotas;
        this.audit = audit;
        this.locks = locks;
        this.host = host;
        this.diskUsageBound = settings.diskUsageTimeout();
    }

    /**
     * Writes the entry to {@code dlimits/<id>/} and has the driver apply the guest's disk limit at
     * once (a project quota on the linux driver; util-vserver applies it at start on a vserver
     * kernel). The entry stays saved when applying fails; the result then says why.
     */
    @PreAuthorize(LimitService.STAFF)
    @AuditedAction(AuditActions.LIMITS_DISK_SET)
    public GuestLimits setDiskLimit(String guest, DiskLimitEdit edit, @Nullable String digest) {
        GuestConfig config = limits.config(guest);
        if (edit == null) {
            throw new InvalidInputException("disk limit", "a disk limit is required");
        }
        String id = HostGrammar.diskLimitId(edit.id());
        GuestSpec spec = limits.spec(config);
        String directory = HostGrammar.diskLimitDirectory(edit.directory(), spec.rootDir());
        long space = decimal("space_total", edit.spaceTotalKiB(), Long.MAX_VALUE / 2);
        long inodes = decimal("inodes_total", edit.inodesTotal(), Integer.MAX_VALUE * 4L);
        int reserved = HostGrammar.diskLimitReserved((int) decimal("reserved", edit.reservedPercent(), 100));
        ConfigChange change = new ConfigChange.SetDiskLimit(id, directory, space, inodes, reserved);
        Map<String, Object> before = Map.of("dlimits", config.dlimits(), "diskQuota", quotas.diskQuota(config).summary());
        AtomicReference<DiskQuotaState> applied = new AtomicReference<>();
        audit.audited(AuditActions.LIMITS_DISK_SET, LimitService.target(config), before,
                () -> locks.withLock(guest, AuditActions.LIMITS_DISK_SET, () -> {
                    GuestConfig checked = limits.requireDigest(limits.config(guest), digest);
                    limits.refuseIfUnmanaged(guest);
                    GuestConfig after = limits.write(checked, change);
                    applied.set(quotas.applyDiskQuota(after));
                    return Map.of("dlimits", after.dlimits(), "diskQuota", applied.get().summary());
                }));
        return limits.limits(guest).withDiskQuota(applied.get());
    }

    @PreAuthorize(LimitService.STAFF)
    @AuditedAction(AuditActions.LIMITS_DISK_REMOVE)
    public GuestLimits removeDiskLimit(String guest, String id, @Nullable String digest) {
        GuestConfig config = limits.config(guest);
        String checkedId = HostGrammar.diskLimitId(id);
        AtomicReference<DiskQuotaState> applied = new AtomicReference<>();
        audit.audited(AuditActions.LIMITS_DISK_REMOVE, LimitService.target(config), Map.of("dlimits", config.dlimits()),
                () -> locks.withLock(guest, AuditActions.LIMITS_DISK_REMOVE, () -> {
                    limits.refuseIfUnmanaged(guest);
                    GuestConfig after = limits.write(limits.requireDigest(limits.config(guest), digest),
                            new ConfigChange.RemoveDiskLimit(checkedId));
                    // the entry may have been the root's limit: the driver lifts it then
                    applied.set(quotas.applyDiskQuota(after));
                    return Map.of("dlimits", after.dlimits(), "diskQuota", applied.get().summary());
                }));
        return limits.limits(guest).withDiskQuota(applied.get());
    }

    /**
     * Space and inodes the guest tree uses now, walked on the host (bounded in time). Where the
     * disk limit is enforced, the kernel's own count (shown with the limit) is what is held.
     */
    @PreAuthorize("@currentUser.maySee(#guest)")
    public DiskUsage diskUsage(String guest) {
        GuestConfig config = limits.config(guest);
        GuestSpec spec = GuestSpecs.from(config, host.guestsRoot());
        DiskQuotaState quota = quotas.diskQuota(config);
        String note = quota.enforced()
                ? "measured by walking the guest root; the kernel's own count, shown with the disk limit, is what the"
                        + " limit holds and may differ (symlinks made before the limit, mounts inside)"
                : "measured by walking the guest root; the disk limit is " + quota.summary();
        return driver.diskUsage(spec, diskUsageBound, note);
    }

    /** Strict ASCII decimal for disk-limit fields. */
    static long decimal(String field, @Nullable String text, long max) {
        String rule = "must be a whole number in ASCII digits, 0.." + max;
        if (text == null || text.isEmpty() || text.length() > 19) {
            throw new InvalidInputException(field, rule);
        }
        long v = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidInputException(field, rule);
            }
            if (v > (Long.MAX_VALUE - (c - '0')) / 10) {
                throw new InvalidInputException(field, rule);
            }
            v = v * 10 + (c - '0');
        }
        if (text.length() > 1 && text.charAt(0) == '0') {
            throw new InvalidInputException(field, rule + " (no leading zero: util-vserver reads it as octal)");
        }
        if (v > max) {
            throw new InvalidInputException(field, rule);
        }
        return v;
    }
}

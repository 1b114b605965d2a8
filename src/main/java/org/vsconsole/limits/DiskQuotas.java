package org.vsconsole.limits;

import org.springframework.stereotype.Component;
import org.vsconsole.host.DiskQuotaState;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.GuestSpecs;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.HostProperties;
import org.vsconsole.host.config.GuestConfig;

/** Whether the kernel holds a guest's disk limit, and making it hold what the saved tree says. */
@Component
class DiskQuotas {

    private final HostDriver driver;
    private final HostProperties host;

    DiskQuotas(HostDriver driver, HostProperties host) {
        this.driver = driver;
        this.host = host;
    }

    /**
     * Has the driver make the kernel hold what the saved tree says. A failure does not undo the
     * saved entry (the tree stays the truth and the next start applies it again); it becomes the
     * reason shown and audited.
     */
    DiskQuotaState applyDiskQuota(GuestConfig config) {
        if (config.context() == null) {
            return diskQuota(config);
        }
        GuestSpec spec = GuestSpecs.from(config, host.guestsRoot());
        try {
            DiskQuotaState state = driver.applyDiskQuota(spec);
            return spec.diskLimit() == null ? noRootLimit(config, spec) : state;
        } catch (HostOperationException e) {
            return DiskQuotaState.notEnforced("saved, but applying it failed: " + e.getMessage());
        }
    }

    /** Whether the driver enforces the guest's disk limit now; reading never fails the page. */
    DiskQuotaState diskQuota(GuestConfig config) {
        if (config.context() == null) {
            return DiskQuotaState.notEnforced("'" + config.name() + "' has no static context (XID), which would be its"
                    + " quota project");
        }
        GuestSpec spec = GuestSpecs.from(config, host.guestsRoot());
        if (spec.diskLimit() == null) {
            return noRootLimit(config, spec);
        }
        try {
            return driver.diskQuota(spec);
        } catch (RuntimeException e) {
            return DiskQuotaState.notEnforced("its state cannot be read: " + e.getMessage());
        }
    }

    /** Only a complete, enabled entry for the guest root itself is a disk limit; say which is missing. */
    private static DiskQuotaState noRootLimit(GuestConfig config, GuestSpec spec) {
        if (config.dlimits().isEmpty()) {
            return DiskQuotaState.notEnforced("no disk limit set");
        }
        return DiskQuotaState.notEnforced("no disk limit set for the guest root " + spec.rootDir()
                + " (only a complete, enabled dlimits entry whose directory is the root counts)");
    }
}

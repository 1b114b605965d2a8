package org.vsconsole.limits;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.vsconsole.host.ContextFigures;
import org.vsconsole.host.GuestSpecs;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.HostProperties;
import org.vsconsole.host.ContextFigures.LimitFigure;
import org.vsconsole.host.LimitValues;
import org.vsconsole.host.config.DiskLimit;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.LimitSetting;
import org.vsconsole.monitoring.GuestLive;
import org.vsconsole.monitoring.Sampler;
import org.jspecify.annotations.Nullable;

/**
 * A guest's limits as the Limits tab and the API show them: for each limit the saved values from
 * its files, what the kernel enforces now and the hits, and whether the two differ as a start
 * would leave them (compared as this kernel holds them, {@link HostDriver#liveAtStart}); its disk
 * limits with their quota state, and its {@code /tmp} size.
 */
@Component
class GuestLimitsReader {

    private final HostProperties host;
    private final Sampler sampler;
    private final HostDriver driver;
    private final HostFacts facts;
    private final DiskQuotas quotas;

    GuestLimitsReader(HostProperties host, Sampler sampler, HostDriver driver, HostFacts facts, DiskQuotas quotas) {
        this.host = host;
        this.sampler = sampler;
        this.driver = driver;
        this.facts = facts;
        this.quotas = quotas;
    }

    /** {@code fresh}: ask the driver now rather than take the last sampler tick. */
    GuestLimits read(GuestConfig config, boolean fresh) {
        ContextFigures figures = figures(config, fresh);
        boolean running = figures != null;
        long pageSize = facts.pageSize();
        List<LimitRow> rows = new ArrayList<>();
        for (String name : LimitUnits.displayOrder()) {
            LimitSetting setting = config.rlimits().getOrDefault(name, LimitSetting.NONE);
            LimitValues saved = setting.effective();
            LimitFigure f = figures == null ? null : figures.limits().get(name);
            // what a start gives: the saved values as this kernel holds them, or its unsaved default
            LimitValues atStart = driver.liveAtStart(name, setting.isEmpty() ? null : saved);
            boolean differs = f != null && (f.soft() != atStart.soft() || f.hard() != atStart.hard());
            rows.add(new LimitRow(name, LimitUnits.description(name), LimitUnits.unit(name),
                    LimitUnits.PRIMARY.contains(name),
                    f == null ? null : f.current(), f == null ? null : f.min(), f == null ? null : f.max(),
                    f == null ? null : f.soft(), f == null ? null : f.hard(), f == null ? null : f.hits(),
                    saved.soft(), saved.hard(), !setting.isEmpty(), differs));
        }
        List<DiskLimitEntry> disk = config.dlimits().stream().map(GuestLimitsReader::entry).toList();
        return new GuestLimits(config.name(), config.digest(), running, driver.name(), pageSize, rows, disk,
                quotas.diskQuota(config), config.tmpSize(), null);
    }

    private static DiskLimitEntry entry(DiskLimit d) {
        return new DiskLimitEntry(d.id(), d.directory(), d.spaceTotalKiB(), d.inodesTotal(), d.reservedPercent(),
                d.disabled(), d.complete());
    }

    private @Nullable ContextFigures figures(GuestConfig config, boolean fresh) {
        if (config.context() == null) {
            return null;
        }
        GuestLive latest = sampler.latest().guest(config.name());
        if (latest != null && latest.conflict() != null) {
            // the context's figures belong to the guest that holds it
            return null;
        }
        if (!fresh && latest != null && latest.xid() == config.context()) {
            return latest.running() ? latest.figures() : null;
        }
        try {
            return driver.figures(List.of(GuestSpecs.from(config, host.guestsRoot()))).get(config.context());
        } catch (RuntimeException e) {
            return null;
        }
    }
}

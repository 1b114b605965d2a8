package org.vsconsole.guests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.monitoring.HostSnapshot;
import org.vsconsole.monitoring.Sampler;
import org.vsconsole.security.CurrentUser;
import org.vsconsole.security.Role;
import org.vsconsole.sync.GuestSyncStatus;
import org.vsconsole.sync.SyncService;

/**
 * The guest list's rows: each guest's config with its live figures, owners and sync state, cut to
 * the guests the current user may see. Every open guest list asks for them at every tick with the
 * same snapshot, and a row is the same whoever looks, so all rows are built once per snapshot and
 * each viewer only picks the guests it may see; a change of owners or sync state in between shows
 * at the next tick. {@link GuestService} checks who may ask.
 */
final class GuestRows {

    private record SharedRows(HostSnapshot snapshot, List<GuestConfig> configs, List<GuestSummary> rows) {
    }

    private final Sampler sampler;
    private final CurrentUser currentUser;
    private final SyncService sync;
    private volatile @Nullable SharedRows shared;

    GuestRows(Sampler sampler, CurrentUser currentUser, SyncService sync) {
        this.sampler = sampler;
        this.currentUser = currentUser;
        this.sync = sync;
    }

    /** The rows of the latest snapshot, built afresh. */
    List<GuestSummary> latest() {
        return visible(all(sampler.latest(), sampler.guestConfigs()));
    }

    /** The rows of a pushed snapshot, built once for every viewer of it. */
    List<GuestSummary> of(HostSnapshot snapshot) {
        List<GuestConfig> configs = sampler.guestConfigs();
        SharedRows s = shared;
        if (s == null || s.snapshot() != snapshot || s.configs() != configs) {
            s = new SharedRows(snapshot, configs, all(snapshot, configs));
            shared = s;
        }
        return visible(s.rows());
    }

    /** The row of one guest, whose config was just read. */
    GuestSummary one(String name, GuestConfig config) {
        return GuestSummary.of(config, sampler.latest().guest(name), currentUser.ownersByGuest().getOrDefault(name, List.of()),
                sync.status(name).orElse(null));
    }

    private List<GuestSummary> all(HostSnapshot snapshot, List<GuestConfig> configs) {
        Map<String, List<String>> owners = currentUser.ownersByGuest();
        Map<String, GuestSyncStatus> registry = sync.statuses();
        List<GuestSummary> rows = new ArrayList<>(configs.size());
        for (GuestConfig config : configs) {
            rows.add(GuestSummary.of(config, snapshot.guest(config.name()), owners.getOrDefault(config.name(), List.of()),
                    registry.get(config.name())));
        }
        return List.copyOf(rows);
    }

    /** The rows the current user may see ({@link CurrentUser#maySee}, with the owned guests read once, not per row). */
    private List<GuestSummary> visible(List<GuestSummary> all) {
        if (currentUser.seesAllGuests()) {
            return all;
        }
        if (!currentUser.hasRole(Role.OWNER)) {
            return List.of();
        }
        Set<String> owned = currentUser.ownedGuests();
        return all.stream().filter(g -> owned.contains(g.name())).toList();
    }
}

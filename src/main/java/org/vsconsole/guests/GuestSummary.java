package org.vsconsole.guests;

import java.util.List;
import org.vsconsole.host.ContextConflict;
import org.vsconsole.host.ContextFigures;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.monitoring.GuestLive;
import org.vsconsole.sync.GuestSyncStatus;
import org.jspecify.annotations.Nullable;

/**
 * One row of the guest list: identity and configuration at a glance, plus live figures when
 * the guest runs ({@code processes}, {@code rssBytes}, {@code uptimeMs} are 0 otherwise).
 * {@code changedOutside} and {@code changedFiles} come from the sync registry (a hand edit not yet
 * accepted or restored); {@code unmanaged} marks a guest made by hand and not adopted yet.
 * {@code conflict} says why a guest in {@link GuestState#CONTEXT_CONFLICT} cannot be acted on.
 */
public record GuestSummary(
        String name,
        @Nullable Integer xid,
        GuestState state,
        List<String> addresses,
        boolean startsAtBoot,
        List<String> owners,
        int processes,
        long rssBytes,
        long uptimeMs,
        List<String> warnings,
        boolean changedOutside,
        List<String> changedFiles,
        boolean unmanaged,
        @Nullable String conflict) {

    public GuestSummary {
        addresses = List.copyOf(addresses);
        owners = List.copyOf(owners);
        warnings = List.copyOf(warnings);
        changedFiles = changedFiles == null ? List.of() : List.copyOf(changedFiles);
    }

    /** A row without sync information. */
    public GuestSummary(String name, @Nullable Integer xid, GuestState state, List<String> addresses, boolean startsAtBoot,
            List<String> owners, int processes, long rssBytes, long uptimeMs, List<String> warnings) {
        this(name, xid, state, addresses, startsAtBoot, owners, processes, rssBytes, uptimeMs, warnings, false, List.of(), false,
                null);
    }

    /**
     * The row of a guest from its config, its live figures (null when the sampler has none yet)
     * and its sync status (null before the first reconcile). A conflict outranks running, so a
     * guest sharing another's context is never shown as merely running.
     */
    static GuestSummary of(GuestConfig config, @Nullable GuestLive live, List<String> owners, @Nullable GuestSyncStatus sync) {
        ContextConflict conflict = live == null ? null : live.conflict();
        boolean running = live != null && live.running();
        GuestState state = conflict != null
                ? GuestState.CONTEXT_CONFLICT
                : running
                        ? GuestState.RUNNING
                        : config.disabled()
                                ? GuestState.DISABLED
                                : config.context() == null
                                        ? GuestState.BROKEN
                                        : GuestState.STOPPED;
        ContextFigures f = running && live != null ? live.figures() : null;
        List<String> addresses = config.interfaces().stream().filter(i -> i.ip() != null)
                .map(i -> i.prefix() == null ? i.ip() : i.ip() + "/" + i.prefix()).toList();
        List<String> warnings = config.warnings().stream().map(w -> w.path() + ": " + w.message()).toList();
        return new GuestSummary(config.name(), config.context(), state, addresses, config.init().bootMarked(), owners,
                f == null ? 0 : f.processes(), f == null ? 0 : f.rssBytes(), f == null ? 0 : f.uptimeMs(), warnings,
                sync != null && sync.drift(), sync == null ? List.of() : sync.changedFiles(), sync != null && sync.unmanaged(),
                conflict == null ? null : conflict.reason());
    }
}

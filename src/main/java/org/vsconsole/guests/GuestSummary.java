package org.vsconsole.guests;

import java.util.List;

/**
 * One row of the guest list: identity and configuration at a glance, plus live figures when
 * the guest runs ({@code processes}, {@code rssBytes}, {@code uptimeMs} are 0 otherwise).
 * {@code changedOutside} and {@code changedFiles} come from the sync registry (a hand edit not yet
 * accepted or restored); {@code unmanaged} marks a guest made by hand and not adopted yet.
 * {@code conflict} says why a guest in {@link GuestState#CONTEXT_CONFLICT} cannot be acted on.
 */
public record GuestSummary(
        String name,
        Integer xid,
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
        String conflict) {

    public GuestSummary {
        addresses = List.copyOf(addresses);
        owners = List.copyOf(owners);
        warnings = List.copyOf(warnings);
        changedFiles = changedFiles == null ? List.of() : List.copyOf(changedFiles);
    }

    /** A row without sync information. */
    public GuestSummary(String name, Integer xid, GuestState state, List<String> addresses, boolean startsAtBoot,
            List<String> owners, int processes, long rssBytes, long uptimeMs, List<String> warnings) {
        this(name, xid, state, addresses, startsAtBoot, owners, processes, rssBytes, uptimeMs, warnings, false, List.of(), false,
                null);
    }
}

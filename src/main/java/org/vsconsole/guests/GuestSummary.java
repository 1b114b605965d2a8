package org.vsconsole.guests;

import java.util.List;

/**
 * One row of the guest list: identity and configuration at a glance, plus live figures when
 * the guest runs ({@code processes}, {@code rssBytes}, {@code uptimeMs} are 0 otherwise).
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
        List<String> warnings) {

    public GuestSummary {
        addresses = List.copyOf(addresses);
        owners = List.copyOf(owners);
        warnings = List.copyOf(warnings);
    }
}

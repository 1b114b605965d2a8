package org.vsconsole.updates;

import java.util.List;
import java.util.Map;

/** A request after validation: existing guests the user may operate, a known action, allow-listed packages. */
record UpdatePlan(List<String> guests, UpdateAction action, List<String> packages, boolean dryRun, boolean startStopped) {

    UpdatePlan {
        guests = List.copyOf(guests);
        packages = List.copyOf(packages);
    }

    UpdatePlan onlyFor(List<String> subset) {
        return new UpdatePlan(subset, action, packages, dryRun, startStopped);
    }

    String title() {
        String what = "apt-get " + (dryRun ? "-s " : "") + action.command()
                + (packages.isEmpty() ? "" : " " + String.join(" ", packages));
        return what + " on " + (guests.size() == 1 ? guests.getFirst() : guests.size() + " guests");
    }

    Map<String, Object> describe() {
        return Map.of("guests", guests, "action", action.command(), "packages", packages, "dryRun", dryRun,
                "stoppedGuests", startStopped ? "start" : "skip");
    }
}

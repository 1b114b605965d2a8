package org.vsconsole.updates;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.config.HostGrammar;
import org.jspecify.annotations.Nullable;

/** Checks an {@link UpdateRequest} field by field; errors name the JSON field. */
final class UpdateRequestValidator {

    private UpdateRequestValidator() {
    }

    /**
     * @param existing  names of the guests on disk
     * @param mayUpdate whether the current user may operate a guest
     */
    static UpdatePlan validate(@Nullable UpdateRequest r, List<String> existing, Predicate<String> mayUpdate) {
        if (r == null) {
            throw new InvalidInputException("request", "a request body is required");
        }
        // who may touch which guest first: a refusal must not depend on the rest of the body
        List<String> guests = r.all() ? allowed(existing, mayUpdate) : named(r.guests(), existing, mayUpdate);
        UpdateAction action = UpdateAction.of(r.action()).orElseThrow(() -> new InvalidInputException("action",
                "must be one of update, upgrade, dist-upgrade, install, remove"));
        List<String> packages = packages(r.packages(), action);
        boolean startStopped = switch (r.stoppedGuests() == null || r.stoppedGuests().isBlank() ? "skip" : r.stoppedGuests()) {
            case "skip" -> false;
            case "start" -> true;
            default -> throw new InvalidInputException("stoppedGuests", "must be skip or start");
        };
        if (guests.isEmpty()) {
            throw new InvalidInputException("guests", r.all() ? "there is no guest you may update" : "name at least one guest");
        }
        return new UpdatePlan(guests, action, packages, r.dryRun(), startStopped);
    }

    private static List<String> allowed(List<String> existing, Predicate<String> mayUpdate) {
        return existing.stream().filter(mayUpdate).sorted().toList();
    }

    private static List<String> named(List<String> names, List<String> existing, Predicate<String> mayUpdate) {
        Set<String> out = new LinkedHashSet<>();
        for (String name : names) {
            String valid;
            try {
                valid = HostGrammar.guestName(name);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("guests", e.rule());
            }
            if (!existing.contains(valid)) {
                throw new InvalidInputException("guests", "no guest '" + valid + "'");
            }
            if (!mayUpdate.test(valid)) {
                throw new org.springframework.security.access.AccessDeniedException("you may not update '" + valid + "'");
            }
            out.add(valid);
        }
        return new ArrayList<>(out);
    }

    private static List<String> packages(List<String> requested, UpdateAction action) {
        if (!action.takesPackages()) {
            if (!requested.isEmpty()) {
                throw new InvalidInputException("packages", action.command() + " takes no packages");
            }
            return List.of();
        }
        if (requested.isEmpty()) {
            throw new InvalidInputException("packages", action.command() + " needs at least one package");
        }
        return PackageNames.checked(requested, "packages");
    }
}

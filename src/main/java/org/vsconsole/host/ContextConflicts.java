package org.vsconsole.host;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.vsconsole.base.ActionRefusedException;
import org.vsconsole.host.config.GuestConfig;

/**
 * One context, one guest. A kernel context is one set of processes whatever the number of config
 * trees that name its id, so when several guests claim the same context exactly one of them holds
 * it; each other claimant is in conflict: never treated as running, every action on it refused.
 *
 * <p>Which claimant holds the context:
 * <ol>
 *   <li>the one that runs, when exactly one of them runs;</li>
 *   <li>otherwise (none runs, or it cannot be told which one does) the one whose name sorts
 *       first, so the holder does not change from one look to the next.</li>
 * </ol>
 * Of the claimants of a running context, the one the {@link Occupants} name is the one that runs;
 * when they cannot tell, every claimant counts as running and the name decides.
 */
public final class ContextConflicts {

    /** Which of the claimants of a running context is inside it, when that can be told. */
    @FunctionalInterface
    public interface Occupants {

        Optional<String> occupant(int xid, List<GuestConfig> claimants);
    }

    public static final ContextConflicts NONE = new ContextConflicts(List.of(), Set.of(), Map.of());

    private final List<GuestConfig> guests;
    private final Set<Integer> runningContexts;
    private final Map<String, ContextConflict> byGuest;

    private ContextConflicts(List<GuestConfig> guests, Set<Integer> runningContexts, Map<String, ContextConflict> byGuest) {
        this.guests = List.copyOf(guests);
        this.runningContexts = Set.copyOf(runningContexts);
        this.byGuest = Map.copyOf(byGuest);
    }

    /**
     * @param guests          every guest's parsed config
     * @param runningContexts the contexts that run now
     * @param occupants       asked only for running contexts that several guests claim
     */
    public static ContextConflicts resolve(Collection<GuestConfig> guests, Set<Integer> runningContexts, Occupants occupants) {
        Map<Integer, List<GuestConfig>> claimants = new TreeMap<>();
        for (GuestConfig guest : guests) {
            if (guest.context() != null) {
                claimants.computeIfAbsent(guest.context(), x -> new ArrayList<>()).add(guest);
            }
        }
        Map<String, ContextConflict> conflicts = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<GuestConfig>> claim : claimants.entrySet()) {
            List<GuestConfig> sharing = claim.getValue();
            if (sharing.size() < 2) {
                continue;
            }
            sharing.sort(Comparator.comparing(GuestConfig::name));
            int xid = claim.getKey();
            String holder = sharing.getFirst().name();
            if (runningContexts.contains(xid)) {
                holder = occupants.occupant(xid, List.copyOf(sharing))
                        .filter(name -> sharing.stream().anyMatch(g -> g.name().equals(name)))
                        .orElse(holder);
            }
            for (GuestConfig guest : sharing) {
                if (!guest.name().equals(holder)) {
                    conflicts.put(guest.name(), new ContextConflict(guest.name(), xid, holder));
                }
            }
        }
        return new ContextConflicts(List.copyOf(guests), runningContexts, conflicts);
    }

    public Optional<ContextConflict> of(String guest) {
        return Optional.ofNullable(byGuest.get(guest));
    }

    /** Every guest in conflict, by name. */
    public Map<String, ContextConflict> all() {
        return byGuest;
    }

    /** The configs this was resolved from. */
    public List<GuestConfig> guests() {
        return guests;
    }

    /** Whether the guest's context runs and the guest, not another claimant, holds it. */
    public boolean runs(GuestConfig guest) {
        return guest.context() != null && runningContexts.contains(guest.context()) && !byGuest.containsKey(guest.name());
    }

    /** Refuses any action on a guest in conflict, naming the guest that holds its context. */
    public void refuseIfInConflict(String guest) {
        ContextConflict conflict = byGuest.get(guest);
        if (conflict != null) {
            throw new ActionRefusedException("context", conflict.reason());
        }
    }
}

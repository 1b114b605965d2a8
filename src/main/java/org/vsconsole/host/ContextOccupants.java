package org.vsconsole.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.GuestConfigReader;

/**
 * Tells which guest is inside a context that several config trees claim, and resolves the
 * {@link ContextConflicts} of the host with that knowledge. The driver is asked: both real
 * drivers know whose guest runs in a context (util-vserver keeps a run file per guest name; the
 * {@code linux} driver writes the guest's name into the container it generates for the context),
 * so the console keeps no record of its own. A driver that cannot tell leaves the name rule of
 * {@link ContextConflicts} to decide.
 */
@Component
public class ContextOccupants implements ContextConflicts.Occupants {

    private static final Logger log = LoggerFactory.getLogger(ContextOccupants.class);

    private final HostDriver driver;
    private final GuestConfigReader configs;
    private final HostProperties host;

    public ContextOccupants(HostDriver driver, GuestConfigReader configs, HostProperties host) {
        this.driver = driver;
        this.configs = configs;
        this.host = host;
    }

    /** The conflicts as the tree and the kernel are at this moment: what refusing an action needs. */
    public ContextConflicts now() {
        List<GuestConfig> all = configs.readAllGuests();
        List<GuestSpec> specs = all.stream().filter(c -> c.context() != null)
                .map(c -> GuestSpecs.from(c, host.guestsRoot())).toList();
        return resolve(all, driver.figures(specs).keySet());
    }

    public ContextConflicts resolve(List<GuestConfig> guests, java.util.Set<Integer> runningContexts) {
        return ContextConflicts.resolve(guests, runningContexts, this);
    }

    @Override
    public Optional<String> occupant(int xid, List<GuestConfig> claimants) {
        List<String> running = new ArrayList<>();
        for (GuestConfig claimant : claimants) {
            try {
                if (driver.isRunning(GuestSpecs.from(claimant, host.guestsRoot()))) {
                    running.add(claimant.name());
                }
            } catch (RuntimeException e) {
                log.debug("Cannot ask whether {} runs: {}", claimant.name(), e.getMessage());
            }
        }
        return running.size() == 1 ? Optional.of(running.getFirst()) : Optional.empty();
    }
}

package org.vsconsole.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.vsconsole.base.ConsoleProperties;
import org.vsconsole.host.config.AtomicFileWriter;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.GuestConfigReader;

/**
 * Tells which guest is inside a context that several config trees claim, and resolves the
 * {@link ContextConflicts} of the host with that knowledge.
 *
 * <p>The driver is asked first: util-vserver keeps a run file per guest name, so the
 * {@code vserver} driver tells the claimants apart. A driver that knows contexts only by id says
 * every claimant runs; then the console's record of the context decides: the guest the console
 * last started in it, or the one guest that claimed it when it was last seen running (so a guest
 * started by the wizard, by hand or before a console restart keeps its context when a copy of its
 * tree appears). Records are {@code <data-dir>/run/contexts/<xid>} holding the guest's name, the
 * way util-vserver keeps {@code /var/run/vservers/<name>}; they are written crash-safely and only
 * consulted while their context runs, so one left behind by a crash does no harm.
 */
@Component
public class ContextOccupants implements ContextConflicts.Occupants {

    private static final Logger log = LoggerFactory.getLogger(ContextOccupants.class);

    private final HostDriver driver;
    private final GuestConfigReader configs;
    private final HostProperties host;
    private final Path runDir;
    private final Path recordsDir;
    /** What the record files say, so watching every tick writes only when an occupant changes. */
    private final Map<Integer, String> known = new ConcurrentHashMap<>();

    public ContextOccupants(HostDriver driver, GuestConfigReader configs, HostProperties host, ConsoleProperties console) {
        this.driver = driver;
        this.configs = configs;
        this.host = host;
        this.runDir = console.dataDir().resolve("run").toAbsolutePath().normalize();
        this.recordsDir = runDir.resolve("contexts");
    }

    /** The conflicts as the tree and the kernel are at this moment: what refusing an action needs. */
    public ContextConflicts now() {
        List<GuestConfig> all = configs.readAllGuests();
        List<GuestSpec> specs = all.stream().filter(c -> c.context() != null)
                .map(c -> GuestSpecs.from(c, host.guestsRoot())).toList();
        return resolve(all, driver.figures(specs).keySet());
    }

    /** Resolves the conflicts, first noting who is inside each running context only one guest claims. */
    public ContextConflicts resolve(List<GuestConfig> guests, Set<Integer> runningContexts) {
        Map<Integer, List<String>> claimants = new HashMap<>();
        for (GuestConfig guest : guests) {
            if (guest.context() != null && runningContexts.contains(guest.context())) {
                claimants.computeIfAbsent(guest.context(), x -> new ArrayList<>()).add(guest.name());
            }
        }
        claimants.forEach((xid, names) -> {
            if (names.size() == 1 && !names.getFirst().equals(recorded(xid).orElse(null))) {
                remember(xid, names.getFirst());
            }
        });
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
        return running.size() == 1 ? Optional.of(running.getFirst()) : recorded(xid);
    }

    /** The console just started {@code guest} in its context. */
    public void started(GuestSpec guest) {
        remember(guest.xid(), guest.name());
    }

    /** The console just stopped {@code guest}: its context is empty. */
    public void stopped(GuestSpec guest) {
        if (recorded(guest.xid()).filter(guest.name()::equals).isEmpty()) {
            return;
        }
        try {
            new AtomicFileWriter(runDir).delete(record(guest.xid()));
            known.remove(guest.xid());
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot clear the record of context {}: {}", guest.xid(), e.getMessage());
        }
    }

    /** After the host booted no context runs, so no record can be true any more. */
    public void forgetAll() {
        known.clear();
        try (DirectoryStream<Path> records = Files.newDirectoryStream(recordsDir)) {
            AtomicFileWriter writer = new AtomicFileWriter(runDir);
            for (Path record : records) {
                writer.delete(record);
            }
        } catch (NoSuchFileException e) {
            // nothing recorded yet
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot clear the context records in {}: {}", recordsDir, e.getMessage());
        }
    }

    private void remember(int xid, String guest) {
        try {
            Files.createDirectories(runDir);
            new AtomicFileWriter(runDir).write(record(xid), (guest + "\n").getBytes(StandardCharsets.UTF_8));
            known.put(xid, guest);
        } catch (IOException | RuntimeException e) {
            // The guest runs either way; without the record only the name rule can pick the holder.
            log.warn("Cannot record that {} runs in context {}: {}", guest, xid, e.getMessage());
        }
    }

    private Optional<String> recorded(int xid) {
        String cached = known.get(xid);
        if (cached != null) {
            return Optional.of(cached);
        }
        Path record = record(xid);
        try {
            if (!Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            String name = Files.readString(record, StandardCharsets.UTF_8).strip();
            if (name.isEmpty()) {
                return Optional.empty();
            }
            known.put(xid, name);
            return Optional.of(name);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Path record(int xid) {
        return recordsDir.resolve(Integer.toString(xid));
    }
}

package org.vsconsole.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;
import org.vsconsole.base.DataDirFiles;

/**
 * The audit events held while the database cannot take them ({@link StorageGuard} says when): a
 * bounded queue, oldest first, mirrored to a spill file outside the database folder (best effort:
 * the file may be on the full disk too), so a console restarted while the disk is still full takes
 * up what the last run held. Events held past {@link #MAX} are counted, not kept.
 */
@DataDirFiles
final class HeldEvents {

    /** The guard's own log, where the story of a full disk is read in one place. */
    private static final Logger log = LoggerFactory.getLogger(StorageGuard.class);

    /** Held audit events at most; beyond, the oldest are dropped and counted. */
    static final int MAX = 10_000;

    /**
     * One audit event held while the database could not take it; {@code id} tells it apart from
     * every other, so a replay writes it once however often the spill file is read.
     */
    record Held(String id, Instant at, Actor actor, AuditEntry entry, String correlationId) {
    }

    private final Path spillFile;
    private final HeldEventLines lines;
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private long dropped;

    HeldEvents(Path spillFile, ObjectMapper json) {
        this.spillFile = spillFile;
        this.lines = new HeldEventLines(json);
        loadSpillFile();
    }

    /** Held events not yet in the database. */
    synchronized int count() {
        return held.size();
    }

    /** Holds an event the database cannot take now: in memory, and appended to the spill file when it can be. */
    synchronized void hold(Actor actor, AuditEntry entry, String correlationId) {
        Held h = new Held(java.util.UUID.randomUUID().toString(), Instant.now(), actor, entry, correlationId);
        if (held.size() >= MAX) {
            held.removeFirst();
            dropped++;
        }
        held.addLast(h);
        try (BufferedWriter out = Files.newBufferedWriter(spillFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
            out.write(lines.line(h));
            out.newLine();
        } catch (IOException | RuntimeException e) {
            // the spill file may sit on the full disk too: the queue still has the event
            log.debug("Audit event kept in memory only: {}", e.getMessage());
        }
        log.warn("Audit event held while the database cannot take it ({} held): {} by {} on {}: {} {}", held.size(),
                entry.action(), actor.name(), entry.target(), entry.outcome(), entry.message());
    }

    /** Takes every held event (oldest first) and how many were dropped, leaving none held. */
    synchronized Taken take() {
        Taken taken = new Taken(new ArrayList<>(held), dropped);
        held.clear();
        dropped = 0;
        return taken;
    }

    /** Puts back what could not be written, ahead of anything held since. */
    synchronized void putBack(List<Held> notWritten, long droppedThen) {
        for (int i = notWritten.size() - 1; i >= 0; i--) {
            held.addFirst(notWritten.get(i));
        }
        dropped += droppedThen;
    }

    /** Every held event is in the database: the spill file goes. */
    synchronized void spillWritten() {
        try {
            if (held.isEmpty()) {
                Files.deleteIfExists(spillFile);
            } else {
                // events held since the drain began: the file keeps only those, so a restart replays no row twice
                List<String> kept = new ArrayList<>();
                held.forEach(h -> kept.add(lines.line(h)));
                Files.write(spillFile, kept, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            log.warn("Could not rewrite the audit spill file {}: {}", spillFile, e.getMessage());
        }
    }

    Path spillFile() {
        return spillFile;
    }

    record Taken(List<Held> events, long dropped) {
    }

    /** Events a previous run held and never wrote (it stopped while the disk was full) are taken up again. */
    private void loadSpillFile() {
        if (!Files.isRegularFile(spillFile)) {
            return;
        }
        try {
            for (String text : Files.readAllLines(spillFile, StandardCharsets.UTF_8)) {
                if (text.isBlank()) {
                    continue;
                }
                try {
                    held.addLast(lines.read(text));
                } catch (RuntimeException e) {
                    log.error("Unreadable line in the audit spill file {} skipped: {}", spillFile, e.getMessage());
                }
            }
            log.warn("{} audit event(s) held by the last run while the disk was full are written when the database takes them",
                    held.size());
        } catch (IOException e) {
            log.error("Cannot read the audit spill file {}: {}", spillFile, e.getMessage());
        }
    }
}

package org.vsconsole.terminal;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.vsconsole.audit.Actor;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditEntry;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditTarget;
import org.vsconsole.audit.Outcome;
import org.vsconsole.base.ConsoleProperties;
import org.vsconsole.base.DataDirFiles;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.TerminalSize;
import org.jspecify.annotations.Nullable;

/**
 * The recordings of terminal sessions on disk: where each one lives, who may read it, and how long
 * it stays. Apart from the live sessions because auditors read recordings long after a shell ended
 * and the console restarted; a session left open by a stopped console is sealed here with the
 * hash of what it recorded.
 */
@DataDirFiles
@Service
public class RecordingArchive {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingArchive.class);
    private static final Pattern SESSION_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** Search reads each recording; a bound keeps one query from reading years of them. */
    private static final int SEARCHED = 1000;

    private final RecordingRepository recordings;
    private final AuditService audit;
    private final TerminalProperties settings;
    private final Path dir;
    private final ScheduledExecutorService expiry = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("terminal-recordings-expiry").daemon().factory());

    RecordingArchive(RecordingRepository recordings, AuditService audit, TerminalProperties settings,
            ConsoleProperties console) {
        this.recordings = recordings;
        this.audit = audit;
        this.settings = settings;
        Path dataDir = console.dataDir() == null ? Path.of("data") : console.dataDir();
        this.dir = dataDir.resolve("recordings").toAbsolutePath().normalize();
    }

    /** Sessions newest first; with {@code text}, only those whose output contains it. */
    @PreAuthorize("hasAnyRole('ADMIN','AUDITOR')")
    public List<TerminalRecording> recordings(String text) {
        List<TerminalRecording> all = recordings.newestFirst(SEARCHED);
        if (text == null || text.isBlank()) {
            return all;
        }
        String needle = text.toLowerCase(Locale.ROOT);
        return all.stream().filter(r -> !r.expired() && outputOf(r).toLowerCase(Locale.ROOT).contains(needle)).toList();
    }

    @PreAuthorize("hasAnyRole('ADMIN','AUDITOR')")
    public Optional<TerminalRecording> recording(String id) {
        return SESSION_ID.matcher(id).matches() ? recordings.find(id) : Optional.empty();
    }

    /** The asciicast file of a session (still growing while it runs). */
    @PreAuthorize("hasAnyRole('ADMIN','AUDITOR')")
    public byte[] cast(String id) {
        TerminalRecording r = recording(id).orElseThrow(() -> new InvalidInputException("id", "no terminal session " + id));
        if (r.expired()) {
            throw new InvalidInputException("id", "the recording of " + id + " was removed after its retention");
        }
        try {
            return Files.readAllBytes(file(r.id()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recording of " + id + ": " + e.getMessage(), e);
        }
    }

    /** Starts the recording of a new session: only the console's user may read the folder. */
    AsciicastWriter create(String id, TerminalSize size, Instant opened, String title) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return AsciicastWriter.create(file(id), size.cols(), size.rows(), opened, title, System::nanoTime);
    }

    Path file(String id) {
        if (!SESSION_ID.matcher(id).matches()) {
            throw new InvalidInputException("id", "not a terminal session id");
        }
        return dir.resolve(id + ".cast");
    }

    Duration retention() {
        return settings.retention();
    }

    private String outputOf(TerminalRecording r) {
        try {
            return Asciicast.read(file(r.id())).outputText();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * After a restart: sessions the last run left open died with it; they are closed with the hash
     * of what was recorded. Recordings past their retention are deleted (their audit rows stay).
     */
    @EventListener(ApplicationReadyEvent.class)
    void tidyUp() {
        for (TerminalRecording r : recordings.leftOpen()) {
            Path file = file(r.id());
            String sha = Files.exists(file) ? sha256(file) : null;
            long bytes = sha == null ? 0 : file.toFile().length();
            recordings.closed(r.id(), Instant.now(), "the console stopped", sha, bytes);
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("session", r.id());
            after.put("recording", file.getFileName().toString());
            after.put("sha256", sha);
            after.put("bytes", bytes);
            after.put("reason", "the console stopped");
            audit.record(Actor.SYSTEM, new AuditEntry(AuditActions.TERMINAL_CLOSE, AuditTarget.guest(r.guest(), r.xid()),
                    Map.of("session", r.id()), after, Outcome.OK, null, 0), UUID.randomUUID().toString());
        }
        expireOld();
        expiry.scheduleWithFixedDelay(this::expireOld, 1, 1, TimeUnit.HOURS);
    }

    private void expireOld() {
        try {
            for (TerminalRecording r : recordings.closedBefore(Instant.now().minus(settings.retention()))) {
                Files.deleteIfExists(file(r.id()));
                recordings.expired(r.id());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("terminal recordings retention: {}", e.getMessage(), e);
        }
    }

    static @Nullable String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void stop() {
        expiry.shutdownNow();
    }
}

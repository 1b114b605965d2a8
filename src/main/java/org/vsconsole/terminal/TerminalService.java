package org.vsconsole.terminal;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.vsconsole.audit.Actor;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditEntry;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditTarget;
import org.vsconsole.audit.Outcome;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.guests.GuestProcessService;
import org.vsconsole.guests.GuestService;
import org.vsconsole.host.TerminalSession;
import org.vsconsole.host.TerminalSize;

/**
 * Opens, feeds and ends guest terminals, and serves their recordings. Every open is audited
 * (allowed, refused or failed) and so is every end, with the recording's SHA-256; a keystroke,
 * resize or attach by anyone but the session's own user is refused and audited. Sessions live
 * here, not in a page: a page that goes away leaves its session running for the detach grace.
 * Their recordings on disk are the {@link RecordingArchive}'s.
 */
@Service
public class TerminalService {

    private static final Logger LOG = LoggerFactory.getLogger(TerminalService.class);
    private static final Duration REAP_EVERY = Duration.ofSeconds(5);
    /** Longest input one call may carry: a big paste, not a flood. */
    private static final int MAX_INPUT_CHARS = 64 * 1024;

    private final GuestService guests;
    private final GuestProcessService processes;
    private final AuditService audit;
    private final TerminalAccess access;
    private final RecordingRepository recordings;
    private final TerminalProperties settings;
    private final RecordingArchive archive;
    private final org.vsconsole.fleet.FleetGuests fleet;
    private final Map<String, LiveTerminal> live = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("terminal-reaper").daemon().factory());

    TerminalService(GuestService guests, GuestProcessService processes, AuditService audit, TerminalAccess access,
            RecordingRepository recordings,
            TerminalProperties settings, RecordingArchive archive, org.vsconsole.fleet.FleetGuests fleet) {
        this.fleet = fleet;
        this.guests = guests;
        this.processes = processes;
        this.audit = audit;
        this.access = access;
        this.recordings = recordings;
        this.settings = settings;
        this.archive = archive;
        reaper.scheduleWithFixedDelay(this::reap, REAP_EVERY.toMillis(), REAP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the current user may have a terminal in this guest (for showing the tab). */
    public boolean mayOpen(String guest) {
        return access.mayOpen(guest);
    }

    /** Records that the terminal page of a guest was refused to the current user, and says why. */
    public AccessDeniedException refuseView(String guest) {
        AccessDeniedException denied = new AccessDeniedException("no terminal in " + guest + " for "
                + access.username());
        audit.record(new AuditEntry(AuditActions.TERMINAL_VIEW, TerminalTarget.of(guest).audit(null), null, null,
                Outcome.DENIED, denied.getMessage(), 0));
        return denied;
    }

    /**
     * Opens a login shell in the running guest for the current user and returns the session's id.
     * Refused (and audited so) for users without terminal rights on the guest.
     */
    public String open(String guest, TerminalSize size) {
        TerminalTarget target = TerminalTarget.of(guest);
        String name = target.ref();
        Map<String, Object> before = Map.of("cols", size.cols(), "rows", size.rows());
        Map<String, Object> result = audit.audited(AuditActions.TERMINAL_OPEN, target.audit(null), before, () -> {
            if (!access.mayOpen(name)) {
                throw new AccessDeniedException("no terminal in " + target.shown() + " for " + access.username());
            }
            Integer xid;
            TerminalSession session;
            if (target.local()) {
                xid = guests.config(name).context();
                session = processes.openTerminal(name, size);
            } else {
                // the managed host's agent opens it; its context is that host's, unique there only
                var shell = fleet.openTerminal(java.util.Objects.requireNonNull(target.host()), target.guest(), size);
                xid = shell.guest().context();
                session = shell.session();
            }
            String id = UUID.randomUUID().toString();
            Instant opened = Instant.now();
            Path file = archive.file(id);
            AsciicastWriter writer;
            try {
                writer = archive.create(id, size, opened, target.shown() + " by " + access.username());
            } catch (IOException e) {
                session.close();
                throw new UncheckedIOException("cannot create the recording " + file + ": " + e.getMessage(), e);
            }
            Actor actor = Actor.of(java.util.Objects.requireNonNull(SecurityContextHolder.getContext().getAuthentication(),
                    "only a signed-in user may open a terminal"));
            LiveTerminal terminal = new LiveTerminal(id, name, xid, actor, opened, session, writer, settings.recordInput());
            recordings.opened(id, name, xid, actor.name(), opened, file.getFileName().toString(), settings.recordInput());
            live.put(id, terminal);
            terminal.start(this::ended);
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("session", id);
            after.put("recording", file.getFileName().toString());
            after.put("inputRecorded", settings.recordInput());
            return after;
        });
        return java.util.Objects.requireNonNull((String) result.get("session"));
    }

    /** Attaches the current user's page to their session; returns the recent output to draw. */
    public String attach(String id, TerminalListener page) {
        return own(id, AuditActions.TERMINAL_ATTACH).attach(page);
    }

    /** The page went away; the session waits {@code detach-grace} for it to come back. */
    public void detach(String id, TerminalListener page) {
        LiveTerminal terminal = live.get(id);
        if (terminal != null) {
            terminal.detach(page);
        }
    }

    public void input(String id, String text) {
        LiveTerminal terminal = own(id, AuditActions.TERMINAL_INPUT);
        if (text.length() > MAX_INPUT_CHARS) {
            throw new InvalidInputException("input", "at most " + MAX_INPUT_CHARS + " characters at once");
        }
        try {
            terminal.input(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    public void resize(String id, TerminalSize size) {
        try {
            own(id, AuditActions.TERMINAL_RESIZE).resize(size);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** Ends the current user's session as they asked. */
    public void close(String id) {
        LiveTerminal terminal = own(id, AuditActions.TERMINAL_CLOSE);
        terminal.close("closed by " + access.username());
        terminal.awaitEnd(5000);
    }

    /** One of the current user's running sessions, for a page to offer resuming it. */
    public record OpenSession(String id, Instant opened, boolean shownElsewhere) {
    }

    /**
     * The current user's running sessions in a guest, newest first. A page that went away (a
     * reload, a closed tab) leaves its session {@code shownElsewhere == false}: a returning page
     * resumes that one by itself; the others it offers.
     */
    public List<OpenSession> openSessions(String guest) {
        String user = access.username();
        return live.values().stream()
                .filter(t -> t.guest.equals(guest) && t.actor.name().equals(user))
                .sorted((a, b) -> b.opened.compareTo(a.opened))
                .map(t -> new OpenSession(t.id, t.opened, t.detachedNanos() == 0))
                .toList();
    }

    /** The session, if it is the current user's; anything else is refused and audited. */
    private LiveTerminal own(String id, String action) {
        LiveTerminal terminal = id == null ? null : live.get(id);
        String user = access.username();
        if (terminal == null || !terminal.actor.name().equals(user) || !access.mayOpen(terminal.guest)) {
            String guest = terminal == null ? null : terminal.guest;
            AccessDeniedException denied = new AccessDeniedException("terminal session " + id + " is not "
                    + user + "'s");
            TerminalTarget of = guest == null ? null : TerminalTarget.of(guest);
            AuditTarget target = of == null || of.local() ? new AuditTarget(guest, null, "session " + id) : of.audit(null);
            audit.record(new AuditEntry(action, target, null, null,
                    Outcome.DENIED, denied.getMessage(), 0));
            throw denied;
        }
        return terminal;
    }

    /** On the pump thread when a shell ended for whatever reason: seal the recording, audit it. */
    private void ended(LiveTerminal terminal, String reason) {
        live.remove(terminal.id);
        Instant closed = Instant.now();
        String sha256 = null;
        String problem = null;
        try {
            sha256 = terminal.finishRecording();
        } catch (IOException e) {
            problem = "the recording could not be completed: " + e.getMessage();
        }
        recordings.closed(terminal.id, closed, reason, sha256, terminal.recordingBytes());
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("session", terminal.id);
        after.put("recording", archive.file(terminal.id).getFileName().toString());
        after.put("sha256", sha256);
        after.put("bytes", terminal.recordingBytes());
        after.put("seconds", Duration.between(terminal.opened, closed).toSeconds());
        after.put("reason", reason);
        audit.record(terminal.actor, new AuditEntry(AuditActions.TERMINAL_CLOSE, TerminalTarget.of(terminal.guest).audit(terminal.xid),
                Map.of("session", terminal.id), after, problem == null ? Outcome.OK : Outcome.FAILED, problem,
                Duration.between(terminal.opened, closed).toMillis()), UUID.randomUUID().toString());
        terminal.notifyEnded(reason);
    }

    private void reap() {
        try {
            for (LiveTerminal terminal : live.values()) {
                settings.reasonToClose(Duration.ofNanos(terminal.ageNanos()), Duration.ofNanos(terminal.idleNanos()),
                        Duration.ofNanos(terminal.detachedNanos())).ifPresent(terminal::close);
            }
        } catch (RuntimeException e) {
            LOG.warn("terminal reaper: {}", e.getMessage(), e);
        }
    }

    @PreDestroy
    void closeAll() {
        live.values().forEach(t -> t.close("the console stopped"));
        live.values().forEach(t -> t.awaitEnd(3000));
        reaper.shutdownNow();
    }
}

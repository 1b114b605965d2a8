package org.vsconsole.terminal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.BiConsumer;
import org.vsconsole.audit.Actor;
import org.vsconsole.host.TerminalSession;
import org.vsconsole.host.TerminalSize;
import org.jspecify.annotations.Nullable;

/**
 * One open terminal: the pty session, its recording, the recent output (so a page that comes back
 * after a reload sees the screen again) and at most one page attached. One platform thread per
 * session pumps the pty: its read blocks in native code, where a virtual thread would pin anyway.
 */
final class LiveTerminal {

    /** Enough recent output to redraw a full screen of a busy program on reattach. */
    private static final int SCROLLBACK_CHARS = 256 * 1024;

    final String id;
    final String guest;
    final @Nullable Integer xid;
    final Actor actor;
    final Instant opened;
    final long openedNanos = System.nanoTime();
    private final TerminalSession session;
    private final AsciicastWriter recording;
    private final boolean recordInput;
    private final StringBuilder scrollback = new StringBuilder();
    private @Nullable TerminalListener listener;
    private volatile long lastInputNanos = System.nanoTime();
    private volatile long detachedSinceNanos;
    private volatile @Nullable String closeReason;
    private @Nullable Thread pump;

    LiveTerminal(String id, String guest, @Nullable Integer xid, Actor actor, Instant opened, TerminalSession session,
            AsciicastWriter recording, boolean recordInput) {
        this.id = id;
        this.guest = guest;
        this.xid = xid;
        this.actor = actor;
        this.opened = opened;
        this.session = session;
        this.recording = recording;
        this.recordInput = recordInput;
    }

    /** Starts pumping; {@code onEnd} gets this session and why it ended, once, on the pump thread. */
    void start(BiConsumer<LiveTerminal, String> onEnd) {
        pump = Thread.ofPlatform().daemon().name("terminal-" + id.substring(0, 8)).start(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                int n;
                while ((n = session.read(buffer)) >= 0) {
                    deliver(recording.output(buffer, n));
                }
            } catch (IOException e) {
                closeReason = closeReason == null ? "read failed: " + e.getMessage() : closeReason;
            } finally {
                session.close();
                onEnd.accept(this, closeReason == null ? "the shell ended" : closeReason);
            }
        });
    }

    private synchronized void deliver(String text) {
        if (text.isEmpty()) {
            return;
        }
        scrollback.append(text);
        if (scrollback.length() > SCROLLBACK_CHARS) {
            scrollback.delete(0, scrollback.length() - SCROLLBACK_CHARS);
        }
        if (listener != null) {
            listener.output(text);
        }
    }

    /** Attaches a page (replacing any other) and returns the recent output for it to draw first. */
    synchronized String attach(TerminalListener page) {
        listener = page;
        detachedSinceNanos = 0;
        return scrollback.toString();
    }

    synchronized void detach(TerminalListener page) {
        if (listener == page) {
            listener = null;
            detachedSinceNanos = System.nanoTime();
        }
    }

    synchronized void notifyEnded(String reason) {
        if (listener != null) {
            listener.ended(reason);
            listener = null;
        }
    }

    void input(String text) throws IOException {
        lastInputNanos = System.nanoTime();
        if (recordInput) {
            recording.input(text);
        }
        session.write(text.getBytes(StandardCharsets.UTF_8));
    }

    void resize(TerminalSize size) throws IOException {
        session.resize(size);
        recording.resize(size.cols(), size.rows());
    }

    /** Ends the shell; the pump then sees the end and reports it with this reason. */
    void close(String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        session.close();
    }

    /** Waits for the pump to have reported the end (bounded: a close must never hang a page). */
    void awaitEnd(long millis) {
        Thread p = pump;
        if (p != null && p != Thread.currentThread()) {
            try {
                p.join(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    String finishRecording() throws IOException {
        return recording.finish();
    }

    long recordingBytes() {
        return recording.bytes();
    }

    long idleNanos() {
        return System.nanoTime() - lastInputNanos;
    }

    /** Nanoseconds without a page, 0 while one is attached. */
    long detachedNanos() {
        long since = detachedSinceNanos;
        return since == 0 ? 0 : System.nanoTime() - since;
    }

    long ageNanos() {
        return System.nanoTime() - openedNanos;
    }
}

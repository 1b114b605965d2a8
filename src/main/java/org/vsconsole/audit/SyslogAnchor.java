package org.vsconsole.audit;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.vsconsole.host.process.CommandResult;
import org.vsconsole.host.process.ProcessRunner;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The optional second anchor ({@code vsconsole.audit.syslog-anchor=true}): each new head of the
 * audit chain also goes to the system log, by {@code logger -t vsconsole-audit -p auth.notice --
 * "audit head seq=N hash=H"} (an argv, no shell), so an admin can compare the log's head with a
 * record the console's data directory does not hold. A sender thread takes the newest head only
 * (a burst of rows costs one {@code logger} run, not one per row), so appends never wait for it;
 * the same line goes to the application log under {@code vsconsole.audit.anchor}.
 */
@Component
class SyslogAnchor {

    private static final Logger log = LoggerFactory.getLogger(SyslogAnchor.class);
    private static final Logger ANCHOR_LOG = LoggerFactory.getLogger("vsconsole.audit.anchor");
    static final List<String> LOGGER = List.of("logger", "-t", "vsconsole-audit", "-p", "auth.notice", "--");

    private final @Nullable List<String> command;
    private final ProcessRunner runner = new ProcessRunner(ProcessRunner.hostEnvironment());
    private final AtomicReference<@Nullable String> latest = new AtomicReference<>();
    private final Object signal = new Object();
    private volatile @Nullable Thread sender;
    private volatile @Nullable String lastSent;
    private volatile @Nullable String lastFailure;

    @Autowired
    SyslogAnchor(AuditProperties settings, AuditAnchor anchor) {
        this(settings.syslogAnchor() ? LOGGER : null, anchor);
    }

    /** With {@code command} null, nothing is sent (the setting is off). */
    SyslogAnchor(@Nullable List<String> command, AuditAnchor anchor) {
        this.command = command;
        if (command != null) {
            anchor.alsoTo(this::headWritten);
            sender = Thread.ofPlatform().daemon().name("audit-syslog-anchor").start(this::sendLoop);
        }
    }

    /** A new head was anchored: the sender sends the newest one it finds. */
    void headWritten(long seq, String hash) {
        String line = "audit head seq=" + seq + " hash=" + hash;
        latest.set(line);
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void sendLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            String line = latest.getAndSet(null);
            if (line == null) {
                synchronized (signal) {
                    try {
                        signal.wait(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                continue;
            }
            send(line);
        }
    }

    /** Runs only on the sender thread, which exists only with a command. */
    private void send(String line) {
        ANCHOR_LOG.info("{}", line);
        List<String> argv = new ArrayList<>(Objects.requireNonNull(command, "the sender runs only with a command"));
        argv.add(line);
        try {
            CommandResult r = runner.run(argv, Duration.ofSeconds(5), l -> {
            });
            if (r.exitCode() != 0 || r.timedOut()) {
                failed(line, "exit " + r.exitCode() + (r.timedOut() ? " (timed out)" : "") + " " + r.stderr().strip());
            } else {
                lastSent = line;
                lastFailure = null;
            }
        } catch (IOException | RuntimeException e) {
            // a message-less exception (a NullPointerException, say) is named by its type
            failed(line, Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
    }

    private void failed(String line, String why) {
        // Loud once per kind of failure: the first anchor still holds, the second is missing.
        if (!why.equals(lastFailure)) {
            log.error("The second audit anchor could not be sent to the system log ({}): {}", line, why);
        }
        lastFailure = why;
    }

    /** The last head the system log took, for tests and the log. */
    @Nullable
    String lastSent() {
        return lastSent;
    }

    @PreDestroy
    void stop() {
        Thread t = sender;
        if (t != null) {
            t.interrupt();
        }
    }
}

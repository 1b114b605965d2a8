package org.vsconsole.audit;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.vsconsole.base.ConsoleProperties;
import org.vsconsole.base.DataDirFiles;
import tools.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the console usable when its data directory's file system fills up. H2, once a write
 * fails for want of space, closes its database for good; so the console watches the usable space
 * and turns read-only while it is below {@link StorageProperties#minFree} (or as soon as an audit
 * write fails and the disk is found full): state changes are refused with the reason and every
 * page shows it. Audit events of that time are held ({@link HeldEvents}: a bounded queue mirrored
 * to a spill file) and handed back to the audit log when space returns, after which changes are
 * taken again, without a restart. Events held past {@link HeldEvents#MAX} are counted, not kept,
 * and the count is audited.
 */
@DataDirFiles
@Component
public class StorageGuard {

    private static final Logger log = LoggerFactory.getLogger(StorageGuard.class);

    private final Path dataDir;
    private final HeldEvents held;
    private volatile long minFreeBytes;
    private volatile @Nullable String problem;
    private volatile BooleanSupplier onSpaceBack = () -> true;
    private @Nullable ScheduledExecutorService timer;

    /** The pool whose connections to a database H2 closed after a failed write are dropped, so it opens again. */
    private javax.sql.@Nullable DataSource dataSource;

    @Autowired
    StorageGuard(ConsoleProperties console, StorageProperties settings, ObjectMapper json,
            org.springframework.beans.factory.ObjectProvider<javax.sql.DataSource> dataSource) {
        this(console.dataDir(), settings.spillFile() == null
                ? console.dataDir().resolve("audit-spill.jsonl")
                : settings.spillFile(), settings.minFree().toBytes(), json);
        this.dataSource = dataSource.getIfAvailable();
    }

    StorageGuard(Path dataDir, Path spillFile, long minFreeBytes, ObjectMapper json) {
        this.dataDir = dataDir;
        this.minFreeBytes = minFreeBytes;
        this.held = new HeldEvents(spillFile, json);
    }

    /** Why the console is read-only now, if it is. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** Held events not yet in the database. */
    public int heldCount() {
        return held.count();
    }

    /** The events held while the console is read-only, for the audit service to write when space is back. */
    HeldEvents held() {
        return held;
    }

    /** The audit service's way to write the held events; true when they are all in. */
    void onSpaceBack(BooleanSupplier drain) {
        this.onSpaceBack = drain;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startWatching() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "storage-guard");
            t.setDaemon(true);
            return t;
        });
        this.timer = timer;
        timer.scheduleWithFixedDelay(() -> {
            try {
                check();
            } catch (RuntimeException e) {
                log.warn("Checking the data directory's free space failed: {}", e.getMessage());
            }
        }, 0, 2, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /**
     * Looks at the usable space now: below the floor the console turns read-only; back above it
     * with events held, they are written and the console takes changes again. Returns whether
     * the console is writable after the check.
     */
    public boolean check() {
        long usable = usableBytes();
        if (belowFloor(usable)) {
            enterReadOnly(usable);
            return false;
        }
        if (problem != null || heldCount() > 0) {
            if (problem != null && databaseBroken) {
                reopenDatabase();
            }
            if (onSpaceBack.getAsBoolean()) {
                if (problem != null) {
                    log.warn("The data directory has {} bytes free again: writing resumed", usable);
                }
                problem = null;
                databaseBroken = false;
            }
        }
        return problem == null;
    }

    /**
     * A database write failed (an audit row, or a bookkeeping write of a read): read-only at once
     * if the disk is why, and the pool's connections to the database H2 closed are dropped.
     */
    public boolean writeFailed(RuntimeException e) {
        long usable = usableBytes();
        boolean noSpace = belowFloor(usable) || mentionsNoSpace(e);
        if (noSpace) {
            enterReadOnly(usable);
            // H2 closes its database for good after a failed write: every pooled connection is dead
            databaseBroken = true;
            reopenDatabase();
        }
        return noSpace;
    }

    private volatile boolean databaseBroken;

    /**
     * Below the floor, and never "space is back" with no byte free at all, whatever the floor: with
     * a floor of 0 the held events would be written into a full disk, H2 would close again, and a
     * read in that moment would fail.
     */
    private boolean belowFloor(long usable) {
        return usable >= 0 && (usable < minFreeBytes || usable == 0);
    }

    /**
     * Drops the pool's connections (idle ones now, busy ones when returned): H2 keeps a database
     * it closed after a failed write closed for as long as a session to it is open, and opens the
     * file afresh for the next connection once none is. Without this, every request after a full
     * disk failed (sign-in included, so pages answered a redirect to the sign-in page) until a restart.
     */
    private void reopenDatabase() {
        if (dataSource instanceof com.zaxxer.hikari.HikariDataSource hikari && hikari.getHikariPoolMXBean() != null) {
            hikari.getHikariPoolMXBean().softEvictConnections();
            log.warn("Dropped the database connections so H2 opens its file afresh");
        }
    }

    private void enterReadOnly(long usable) {
        if (problem == null) {
            problem = "the data directory's file system is full (" + Math.max(usable, 0) / 1024 + " KiB free, "
                    + minFreeBytes / 1024 + " KiB needed): the console is read-only until space is freed";
            log.error("Read-only: {} ({})", problem, dataDir);
            held.hold(Actor.SYSTEM, new AuditEntry(AuditActions.STORAGE_READ_ONLY, AuditTarget.NONE, null,
                    Map.of("usableBytes", Math.max(usable, 0), "minFreeBytes", minFreeBytes), Outcome.OK, problem, 0),
                    java.util.UUID.randomUUID().toString());
        }
    }

    long usableBytes() {
        try {
            return Files.getFileStore(Files.exists(dataDir) ? dataDir : dataDir.toAbsolutePath().getRoot()).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    /** For tests: move the floor, instead of filling the disk, to see the console turn read-only. */
    void minFreeBytes(long bytes) {
        this.minFreeBytes = bytes;
    }

    private static boolean mentionsNoSpace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left") || m.contains("ENOSPC") || m.contains("Disk full"))) {
                return true;
            }
        }
        return false;
    }
}

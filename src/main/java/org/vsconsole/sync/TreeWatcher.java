package org.vsconsole.sync;

import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryWatcher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Watches the whole config root recursively and names the guest each event belongs to (the first
 * path element). The console's own staging files and {@code .defaults} are ignored; an overflow
 * (events lost) asks for a full reconcile.
 */
final class TreeWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TreeWatcher.class);

    private final Path root;
    private final Consumer<String> onGuest;
    private final Runnable onOverflow;
    private @Nullable DirectoryWatcher watcher;
    private @Nullable ExecutorService thread;

    TreeWatcher(Path root, Consumer<String> onGuest, Runnable onOverflow) {
        this.root = root.toAbsolutePath().normalize();
        this.onGuest = onGuest;
        this.onOverflow = onOverflow;
    }

    void start() throws IOException {
        DirectoryWatcher watcher = DirectoryWatcher.builder()
                .path(root)
                .fileHashing(false)
                .logger(LoggerFactory.getLogger(TreeWatcher.class.getName() + ".library"))
                .listener(this::onEvent)
                .build();
        ExecutorService thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("sync-watcher").daemon().factory());
        this.watcher = watcher;
        this.thread = thread;
        watcher.watchAsync(thread).exceptionally(e -> {
            if (!watcher.isClosed()) {
                log.warn("The config tree watcher stopped: {}; changes are found by the periodic reconcile", e.getMessage());
            }
            return null;
        });
    }

    private void onEvent(DirectoryChangeEvent event) {
        if (event.eventType() == DirectoryChangeEvent.EventType.OVERFLOW || event.path() == null) {
            onOverflow.run();
            return;
        }
        String guest = guestOf(root, event.path());
        if (guest != null) {
            onGuest.accept(guest);
        }
    }

    /** The guest directory name an event path lies in, or null for the root, dot-entries and paths outside. */
    static @Nullable String guestOf(Path root, Path path) {
        Path p = path.toAbsolutePath().normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            return null;
        }
        String first = root.relativize(p).getName(0).toString();
        return first.startsWith(".") ? null : first;
    }

    @Override
    public void close() {
        try {
            if (watcher != null) {
                watcher.close();
            }
        } catch (IOException e) {
            log.debug("Closing the watcher failed", e);
        }
        if (thread != null) {
            thread.shutdownNow();
        }
    }
}

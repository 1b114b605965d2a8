package org.vsconsole.host.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ends a command together with everything it started. Java has no process groups, so the tree is
 * taken from {@link ProcessHandle#descendants()} before anything dies (an orphan is no longer a
 * descendant) and signalled deepest first, so each parent can still reap its children instead of
 * leaving zombies to an init that may not reap. SIGTERM first, SIGKILL after the grace period.
 */
final class ProcessTreeKiller {

    private final Duration grace;

    ProcessTreeKiller(Duration grace) {
        this.grace = grace;
    }

    void kill(Process process) {
        ProcessHandle root = process.toHandle();
        Map<Long, ProcessHandle> tree = snapshot(root, new LinkedHashMap<>());
        signalDeepestFirst(tree, false);
        if (!awaitExit(tree.values(), grace)) {
            // A fork between snapshot and TERM would otherwise survive as an orphan.
            snapshot(root, tree);
            signalDeepestFirst(tree, true);
            awaitExit(tree.values(), Duration.ofSeconds(2));
        }
    }

    private static Map<Long, ProcessHandle> snapshot(ProcessHandle root, Map<Long, ProcessHandle> into) {
        root.descendants().forEach(p -> into.putIfAbsent(p.pid(), p));
        into.putIfAbsent(root.pid(), root);
        return into;
    }

    private static void signalDeepestFirst(Map<Long, ProcessHandle> tree, boolean forcibly) {
        List<ProcessHandle> ordered = new ArrayList<>(tree.values());
        ordered.sort(Comparator.comparingInt((ProcessHandle p) -> depth(p, tree)).reversed());
        int currentDepth = -1;
        List<ProcessHandle> level = new ArrayList<>();
        for (ProcessHandle p : ordered) {
            int d = depth(p, tree);
            if (d != currentDepth && !level.isEmpty()) {
                signalLevel(level, forcibly);
                level.clear();
            }
            currentDepth = d;
            level.add(p);
        }
        signalLevel(level, forcibly);
    }

    private static void signalLevel(List<ProcessHandle> level, boolean forcibly) {
        for (ProcessHandle p : level) {
            if (forcibly) {
                p.destroyForcibly();
            } else {
                p.destroy();
            }
        }
        // Give the parents a moment to reap this level before they are signalled themselves.
        awaitExit(level, Duration.ofMillis(200));
    }

    private static int depth(ProcessHandle p, Map<Long, ProcessHandle> tree) {
        int depth = 0;
        ProcessHandle current = p;
        while (depth < 1000) {
            var parent = current.parent();
            if (parent.isEmpty() || !tree.containsKey(parent.get().pid())) {
                return depth;
            }
            current = parent.get();
            depth++;
        }
        return depth;
    }

    private static boolean awaitExit(Iterable<ProcessHandle> handles, Duration timeout) {
        List<CompletableFuture<ProcessHandle>> exits = new ArrayList<>();
        handles.forEach(h -> exits.add(h.onExit()));
        try {
            CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

package org.vsconsole.host.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Puts a guest's config dir back to an accepted state, entry by entry, through the atomic writer:
 * what was added or changed kind goes first, deepest first, so a directory can become a file;
 * then the accepted directories, files and links are recreated, shallowest first.
 */
final class TreeRestore {

    private TreeRestore() {
    }

    static void restore(Path dir, AtomicFileWriter files, ConfigManifest now, Map<String, AcceptedEntry> accepted)
            throws IOException {
        Map<String, String> current = now.fingerprints();
        List<String> changed = manifestOf(accepted).differences(now);
        for (String p : changed) {
            AcceptedEntry old = accepted.get(p);
            if (old != null && (old.fingerprint().startsWith("f:")
                    ? old.content() == null
                    : !(old.fingerprint().equals("d") || old.fingerprint().startsWith("l:")))) {
                throw new IllegalArgumentException(p + ": no accepted content to restore");
            }
        }
        List<String> removals = changed.stream()
                .filter(p -> current.containsKey(p) && (!accepted.containsKey(p)
                        || !kindOf(accepted.get(p).fingerprint()).equals(kindOf(current.get(p)))
                        || current.get(p).startsWith("l:")))
                .sorted(Comparator.comparingInt(TreeRestore::depth).reversed())
                .toList();
        for (String p : removals) {
            if ("d".equals(current.get(p))) {
                files.deleteTree(dir.resolve(p));
            } else {
                files.delete(dir.resolve(p));
            }
        }
        List<String> writes = changed.stream().filter(accepted::containsKey)
                .sorted(Comparator.comparingInt(TreeRestore::depth)).toList();
        for (String p : writes) {
            AcceptedEntry old = Objects.requireNonNull(accepted.get(p), "writes holds accepted paths only");
            Path target = dir.resolve(p);
            Path parent = Objects.requireNonNull(target.getParent(), "an entry below the guest's dir has a parent");
            if (old.fingerprint().equals("d")) {
                files.createDirectories(target);
            } else if (old.fingerprint().startsWith("f:")) {
                files.write(target, Objects.requireNonNull(old.content(), "checked above: an accepted file has its bytes"));
            } else {
                files.createDirectories(parent);
                Files.deleteIfExists(target);
                Files.createSymbolicLink(target, Path.of(old.fingerprint().substring(2)));
                AtomicFileWriter.fsyncDirectory(parent);
            }
        }
    }

    static ConfigManifest manifestOf(Map<String, AcceptedEntry> entries) {
        Map<String, String> fps = new TreeMap<>();
        entries.forEach((p, e) -> fps.put(p, e.fingerprint()));
        return new ConfigManifest(fps);
    }

    private static String kindOf(String fingerprint) {
        int colon = fingerprint.indexOf(':');
        return colon < 0 ? fingerprint : fingerprint.substring(0, colon);
    }

    private static int depth(String path) {
        return path.split("/").length;
    }
}

package org.vsconsole.host.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds config trees for tests from the reference fixture (§1.13, copied verbatim into
 * {@code web1-tree.txt} and {@code web1-contents.txt}) and the negative fixtures directory.
 */
final class FixtureTree {

    private FixtureTree() {
    }

    /** Lays out {@code /etc/vservers} of §1.13 under {@code configRoot} (files plus the listed symlinks). */
    static void buildReference(Path configRoot) throws IOException {
        for (Map.Entry<String, String> e : referenceFiles().entrySet()) {
            Path p = configRoot.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue());
        }
        for (String[] link : referenceLinks()) {
            Path p = configRoot.resolve(link[0]);
            Files.createDirectories(p.getParent());
            Files.createSymbolicLink(p, Path.of(link[1]));
        }
    }

    /** Relative path under /etc/vservers → content, for every file of the fixture inside the config tree. */
    /** {@code dir} with as many empty files as a tree may hold entries: with the tree's others, one too many. */
    static void fillBeyondTheEntryLimit(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < GuestTreeScanner.MAX_ENTRIES; i++) {
            Files.createFile(dir.resolve("f" + i));
        }
    }

    static Map<String, String> referenceFiles() {
        String text = resource("fixtures/config/web1-contents.txt");
        Map<String, String> out = new TreeMap<>();
        String current = null;
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.startsWith("==> ") && line.endsWith(" <==")) {
                flush(out, current, sb);
                current = line.substring(4, line.length() - 4);
                sb.setLength(0);
            } else if (current != null) {
                sb.append(line).append('\n');
            }
        }
        flush(out, current, sb);
        return out;
    }

    private static void flush(Map<String, String> out, String path, StringBuilder sb) {
        if (path == null || !path.startsWith("/etc/vservers/") || path.startsWith("/etc/vservers/web1/cache/")) {
            return;
        }
        out.put(path.substring("/etc/vservers/".length()), sb.toString());
    }

    /** {relative path, target} of every symlink in the fixture listing. */
    static List<String[]> referenceLinks() {
        String text = resource("fixtures/config/web1-tree.txt");
        List<String[]> out = new ArrayList<>();
        String dir = null;
        for (String line : text.split("\n")) {
            String t = line.replaceAll("^[│├└─ ]+", "");
            if (line.startsWith("├── ") || line.startsWith("└── ")) {
                dir = t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
            } else if (t.contains(" -> ") && dir != null) {
                String[] parts = t.split(" -> ");
                out.add(new String[]{dir + "/" + parts[0], parts[1]});
            }
        }
        return out;
    }

    /** Copies the negative fixture guests (one directory each) into {@code configRoot}. */
    static void copyNegatives(Path configRoot) throws IOException {
        Path src;
        try {
            src = Path.of(FixtureTree.class.getClassLoader().getResource("fixtures/config/negative").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Files.walkFileTree(src, new SimpleFileVisitor<>() {

            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                Files.createDirectories(configRoot.resolve(src.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Files.copy(f, configRoot.resolve(src.relativize(f).toString()), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static String resource(String name) {
        try (InputStream in = FixtureTree.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Relative path → bytes of every regular file and "-> target" of every link, for byte-level comparisons. */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                String rel = dir.relativize(f).toString();
                out.put(rel, a.isSymbolicLink()
                        ? "-> " + Files.readSymbolicLink(f)
                        : java.util.HexFormat.of().formatHex(Files.readAllBytes(f)));
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }
}

package org.vsconsole.host.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps running xids to guest configurations the way util-vserver's {@code vc_getVserverByCtx} and
 * {@code vc_getVserverName} do, as far as files allow. The C tool asks the kernel for the context's
 * UTS "context" field (the config dir path) and accepts it when that dir's {@code run} file holds
 * the same xid; the field is not in {@code /proc}, so this class scans the config root instead: a
 * guest's {@code run} file names its running xid, and its {@code context} file (the static xid)
 * is the fallback for a {@code run} link that points outside the scanned tree. The display name is
 * the {@code name} file (trailing newlines removed) or else the directory's basename.
 */
public final class GuestNames {

    private static final int MAX_ID_FILE_LENGTH = 50;
    private static final int MAX_NAME_FILE_LENGTH = 1024;

    private final Map<Integer, GuestConfig> byXid;
    private final List<String> warnings;

    private GuestNames(Map<Integer, GuestConfig> byXid, List<String> warnings) {
        this.byXid = byXid;
        this.warnings = List.copyOf(warnings);
    }

    public static GuestNames none() {
        return new GuestNames(Map.of(), List.of());
    }

    /** Scans {@code configRoot} (normally {@code /etc/vservers}); a missing root gives no names. */
    public static GuestNames scan(Path configRoot) {
        Warnings warnings = new Warnings("config");
        List<Path> dirs = guestDirectories(configRoot, warnings);
        Map<Integer, GuestConfig> running = new HashMap<>();
        Map<Integer, GuestConfig> configured = new HashMap<>();
        ProcFiles files = new ProcFiles();
        for (Path dir : dirs) {
            int runXid = readId(files, dir.resolve("run"), true);
            int staticXid = readId(files, dir.resolve("context"), false);
            if (runXid < 0 && staticXid < 0) {
                continue;
            }
            GuestConfig guest = new GuestConfig(dir, displayName(files, dir, warnings));
            if (runXid >= 0) {
                putFirst(running, runXid, guest, warnings);
            }
            if (staticXid >= 0) {
                putFirst(configured, staticXid, guest, warnings);
            }
        }
        configured.putAll(running);
        return new GuestNames(Map.copyOf(configured), warnings.toList());
    }

    /**
     * The xid in a guest directory's {@code run} file (written at start, left dangling at stop), read
     * as util-vserver's {@code getCtxFromFile} reads it; empty when there is none.
     */
    public static java.util.OptionalInt runFileXid(Path guestDir) {
        int xid = readId(new ProcFiles(), guestDir.resolve("run"), true);
        return xid < 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(xid);
    }

    public Optional<GuestConfig> byXid(int xid) {
        return Optional.ofNullable(byXid.get(xid));
    }

    /** The NAME column text before truncation: fixed names for xid 0 and 1, else the guest's. */
    public String displayName(int xid) {
        if (xid == 0) {
            return "root server";
        }
        if (xid == 1) {
            return "monitoring server";
        }
        GuestConfig guest = byXid.get(xid);
        return guest == null ? "" : guest.displayName();
    }

    public List<String> warnings() {
        return warnings;
    }

    private static List<Path> guestDirectories(Path configRoot, Warnings warnings) {
        List<Path> dirs = new ArrayList<>();
        if (!Files.isDirectory(configRoot)) {
            warnings.add(configRoot + " is not a directory; names stay empty");
            return dirs;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(configRoot)) {
            for (Path entry : entries) {
                if (!entry.getFileName().toString().startsWith(".") && Files.isDirectory(entry)) {
                    dirs.add(entry);
                }
            }
        } catch (IOException e) {
            warnings.add("cannot list " + configRoot + ": " + e.getMessage());
        }
        // sorted so that two guests claiming one xid resolve the same way on every run
        Collections.sort(dirs);
        return dirs;
    }

    private static void putFirst(Map<Integer, GuestConfig> map, int xid, GuestConfig guest, Warnings warnings) {
        GuestConfig earlier = map.putIfAbsent(xid, guest);
        if (earlier != null) {
            warnings.add("xid " + xid + " claimed by " + earlier.directory().getFileName() + " and "
                    + guest.directory().getFileName() + "; using the first");
        }
    }

    /**
     * Like util-vserver's {@code getCtxFromFile}: at most 50 bytes, a decimal number, then nothing or
     * one newline. {@code run} is probed first because it is usually a dangling link when stopped.
     */
    private static int readId(ProcFiles files, Path file, boolean probeFirst) {
        try {
            if (probeFirst && !Files.isRegularFile(file)) {
                return -1;
            }
            String text = files.read(file);
            if (text == null || text.length() > MAX_ID_FILE_LENGTH) {
                return -1;
            }
            int end = text.endsWith("\n") ? text.length() - 1 : text.length();
            if (end == 0 || end > 9) {
                return -1;
            }
            for (int i = 0; i < end; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
            }
            return Integer.parseInt(text, 0, end, 10);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String displayName(ProcFiles files, Path dir, Warnings warnings) {
        Path nameFile = dir.resolve("name");
        try {
            if (Files.isRegularFile(nameFile)) {
                String name = files.read(nameFile);
                if (name != null) {
                    int end = name.length();
                    if (end >= MAX_NAME_FILE_LENGTH) {
                        end = 0;
                    }
                    while (end > 0 && name.charAt(end - 1) == '\n') {
                        end--;
                    }
                    if (end > 0) {
                        return utf8(name.substring(0, end));
                    }
                }
            }
            // the C tool takes the basename of realpath(); only a symlinked directory changes it
            Path real = Files.isSymbolicLink(dir) ? dir.toRealPath() : dir;
            return real.getFileName().toString();
        } catch (IOException e) {
            warnings.add("cannot read " + nameFile + ": " + e.getMessage());
            return dir.getFileName().toString();
        }
    }

    /** Names are bytes to the C tool; shown here as UTF-8 when they are not plain ASCII. */
    private static String utf8(String latin1) {
        for (int i = 0; i < latin1.length(); i++) {
            if (latin1.charAt(i) >= 0x80) {
                return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            }
        }
        return latin1;
    }
}

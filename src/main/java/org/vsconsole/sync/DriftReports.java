package org.vsconsole.sync;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import org.vsconsole.host.config.ConfigManifest;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.GuestConfigReader;
import org.jspecify.annotations.Nullable;

/**
 * What the sync keeps and shows of a guest's config files: the content captured with an accepted
 * baseline (small files only, checked against their fingerprint), and the report of what differs
 * from it, with a unified diff of the text files and a description of everything else.
 */
@Component
class DriftReports {

    /** Files up to this size are kept as accepted, to diff and restore them. */
    static final int MAX_STORED_BYTES = 16 * 1024;

    private final GuestConfigReader reader;
    private final AtomicLong filesRead = new AtomicLong();

    DriftReports(GuestConfigReader reader) {
        this.reader = reader;
    }

    /** Files read so far, for the reconcile's figures. */
    long filesRead() {
        return filesRead.get();
    }

    void countRead(long files) {
        filesRead.addAndGet(files);
    }

    /** Fingerprints of every entry, with the bytes of small files (checked against the fingerprint). */
    List<SyncRepository.FileRow> capture(GuestConfig config) {
        List<SyncRepository.FileRow> rows = new ArrayList<>();
        for (Map.Entry<String, String> e : config.manifest().fingerprints().entrySet()) {
            rows.add(new SyncRepository.FileRow(e.getKey(), e.getValue(), currentContent(config.name(), e.getKey(), e.getValue())));
        }
        return rows;
    }

    /** Bytes of a small regular file whose content still matches {@code fingerprint}, else null. */
    byte @Nullable [] currentContent(String guest, String path, String fingerprint) {
        long size = fileSize(fingerprint);
        if (size < 0 || size > MAX_STORED_BYTES) {
            return null;
        }
        try {
            byte[] content = reader.readFile(guest, path, MAX_STORED_BYTES + 1);
            filesRead.incrementAndGet();
            return fingerprint.equals("f:" + content.length + ":" + sha256(content)) ? content : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    DriftReport report(String guest, GuestConfig config, Map<String, SyncRepository.FileRow> accepted) {
        ConfigManifest baseline = manifestOf(accepted);
        List<DriftReport.FileChange> changes = new ArrayList<>();
        StringBuilder diff = new StringBuilder();
        for (String path : baseline.differences(config.manifest())) {
            SyncRepository.FileRow old = accepted.get(path);
            String fp = config.manifest().fingerprints().get(path);
            String kind = old == null ? "added" : fp == null ? "removed" : "changed";
            changes.add(new DriftReport.FileChange(path, kind, old == null ? null : old.fingerprint(), fp));
            String oldText = old == null ? null : text(old.content());
            String newText = fp == null ? null : text(currentContent(guest, path, fp));
            boolean oldShown = old == null || oldText != null;
            boolean newShown = fp == null || newText != null;
            if (oldShown && newShown && (old == null || old.fingerprint().startsWith("f:"))
                    && (fp == null || fp.startsWith("f:"))) {
                diff.append(UnifiedDiff.diff(path, oldText, newText));
            } else {
                diff.append("--- a/").append(path).append(" (accepted)\n+++ b/").append(path).append(" (on disk)\n")
                        .append("  ").append(kind).append(": ").append(describe(old == null ? null : old.fingerprint()))
                        .append(" → ").append(describe(fp)).append('\n');
            }
        }
        return new DriftReport(guest, config.digest(), changes, diff.toString());
    }

    static Map<String, Object> summary(DriftReport report) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("digest", report.currentDigest());
        out.put("changed", report.changes().stream().map(c -> c.kind() + " " + c.path()).toList());
        return out;
    }

    static ConfigManifest manifestOf(Map<String, SyncRepository.FileRow> files) {
        Map<String, String> fps = new TreeMap<>();
        files.forEach((p, f) -> fps.put(p, f.fingerprint()));
        return new ConfigManifest(fps);
    }

    /** What an audit row shows of a file: its text when small and text, else its fingerprint. */
    static Object shown(String fingerprint, byte @Nullable [] content) {
        String t = text(content);
        return t != null ? t : fingerprint;
    }

    private static @Nullable String text(byte @Nullable [] content) {
        if (content == null) {
            return null;
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
            return s.indexOf('\0') >= 0 ? null : s;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String describe(@Nullable String fingerprint) {
        if (fingerprint == null) {
            return "absent";
        }
        if (fingerprint.equals("d")) {
            return "directory";
        }
        if (fingerprint.startsWith("l:")) {
            return "link to " + fingerprint.substring(2);
        }
        if (fingerprint.startsWith("f:")) {
            String[] parts = fingerprint.split(":");
            return "file, " + parts[1] + " bytes, sha256 " + parts[2].substring(0, Math.min(12, parts[2].length()));
        }
        return fingerprint;
    }

    private static long fileSize(String fingerprint) {
        if (!fingerprint.startsWith("f:")) {
            return -1;
        }
        int end = fingerprint.indexOf(':', 2);
        try {
            return Long.parseLong(fingerprint.substring(2, end));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

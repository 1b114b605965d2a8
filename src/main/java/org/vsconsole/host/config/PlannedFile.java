package org.vsconsole.host.config;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One file a config change is about to write or remove, told to the listeners before the first
 * byte moves, so an intent can say afterwards what really happened to each file. Fingerprints are
 * those of {@link ConfigManifest} ({@code f:<size>:<sha256>}, {@code d}, {@code l:<target>}), null
 * for "absent".
 *
 * @param path          relative to the guest's config dir
 * @param before        the fingerprint now
 * @param after         the fingerprint once written; null when the change removes it
 * @param beforeContent the bytes now, when it is a whole regular file small enough to keep
 *                      ({@link #KEEP_AT_MOST}); null otherwise, and then it cannot be put back
 */
public record PlannedFile(String path, @Nullable String before, @Nullable String after, byte @Nullable [] beforeContent) {

    /** Config files are a few bytes; anything larger is not kept for putting back. */
    public static final int KEEP_AT_MOST = 64 * 1024;

    /** Before and after of each file the steps touch, in the steps' order. */
    static List<PlannedFile> of(GuestTreeScanner.Scan scan, List<FileOp> ops) {
        Map<String, String> fingerprints = scan.manifest().fingerprints();
        List<PlannedFile> out = new ArrayList<>();
        for (FileOp op : ops) {
            String before = fingerprints.get(op.path());
            GuestTreeScanner.Entry entry = scan.entries().get(op.path());
            byte[] kept = entry != null && before != null && before.startsWith("f:") && !entry.truncated()
                    && entry.content() != null && entry.content().length <= KEEP_AT_MOST ? entry.content() : null;
            String after = op instanceof FileOp.Write w ? fingerprint(w.content()) : null;
            out.add(new PlannedFile(op.path(), before, after, kept));
        }
        return out;
    }

    /** The manifest's fingerprint of a regular file with these bytes. */
    static String fingerprint(byte[] content) {
        try {
            return "f:" + content.length + ":" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** Whether the file can be put back as it was: it was absent, or its bytes were kept. */
    public boolean restorable() {
        return before == null || beforeContent != null;
    }
}

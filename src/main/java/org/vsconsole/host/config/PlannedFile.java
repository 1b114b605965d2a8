package org.vsconsole.host.config;

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
public record PlannedFile(String path, String before, String after, byte[] beforeContent) {

    /** Config files are a few bytes; anything larger is not kept for putting back. */
    public static final int KEEP_AT_MOST = 64 * 1024;

    /** Whether the file can be put back as it was: it was absent, or its bytes were kept. */
    public boolean restorable() {
        return before == null || beforeContent != null;
    }
}

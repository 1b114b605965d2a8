package org.vsconsole.host;

/**
 * How much room a guest tree moved to a host needs there: its size, a tenth more (a tree in use
 * grows, and file systems round up), and 64 MiB that the host itself keeps. One rule for the
 * console's preflight and for the agent that receives the tree.
 */
public final class TreeSpace {

    private static final long RESERVE = 64L << 20;

    private TreeSpace() {
    }

    public static long needed(long treeBytes) {
        return treeBytes + treeBytes / 10 + RESERVE;
    }

    /** Bytes free for guest trees under {@code guestsRoot} (made if missing). */
    public static long freeBytes(java.nio.file.Path guestsRoot) {
        try {
            return java.nio.file.Files.getFileStore(java.nio.file.Files.createDirectories(guestsRoot)).getUsableSpace();
        } catch (java.io.IOException e) {
            throw new HostOperationException("space", null, "cannot read the free space under " + guestsRoot + ": "
                    + org.vsconsole.base.Formats.reason(e));
        }
    }

    /** The refusal when {@code free} is less than {@link #needed}. */
    public static String shortOf(long treeBytes, long free) {
        return "the tree takes " + mib(treeBytes) + " and needs " + mib(needed(treeBytes)) + " with its margin; "
                + mib(free) + " are free for guests there";
    }

    private static String mib(long bytes) {
        return (bytes + (1 << 20) - 1 >> 20) + " MiB";
    }
}

package org.vsconsole.host.linux;

/**
 * The host uids and gids that one guest's ids 0..65535 map to. Derived from the context alone, so
 * two guests never share a range and a guest keeps its range across console restarts and hosts:
 * context {@code c} owns {@code [FIRST + c·65536, FIRST + (c+1)·65536)}. The ranges start above
 * every id a Debian host hands out itself, and {@code FIRST + TOTAL} stays below 2^32 - 1.
 */
record IdRange(long base) {

    static final long FIRST = 1_048_576L;
    static final long SIZE = 65_536L;
    /** Contexts 0..49151: what root must be granted in {@code /etc/subuid} and {@code /etc/subgid}. */
    static final long TOTAL = 49_152L * SIZE;

    static IdRange forContext(int xid) {
        if (xid < 0 || xid >= TOTAL / SIZE) {
            throw new IllegalArgumentException("context id out of range: " + xid);
        }
        return new IdRange(FIRST + xid * SIZE);
    }

    /**
     * The range a host id falls in: {@code 0} for the host's own ids (a tree not yet shifted),
     * a guest range for ids the console handed out, or -1 for anything else.
     */
    static long baseOf(long hostId) {
        if (hostId >= 0 && hostId < SIZE) {
            return 0;
        }
        if (hostId >= FIRST && hostId < FIRST + TOTAL) {
            return FIRST + (hostId - FIRST) / SIZE * SIZE;
        }
        return -1;
    }

    boolean contains(long hostId) {
        return hostId >= base && hostId < base + SIZE;
    }

    /** The guest's view of a host id, or -1 when the id is not this guest's. */
    long toGuest(long hostId) {
        return contains(hostId) ? hostId - base : -1;
    }

    /** The {@code /etc/subuid} line that grants root every guest range. */
    static String subordinateLine() {
        return "root:" + FIRST + ":" + TOTAL;
    }
}

package org.vsconsole.host.agent;

import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/** A stream read from chunks that arrive one at a time (a guest tree through an agent); null from {@link #next} ends it. */
abstract class ChunkedInputStream extends InputStream {

    private byte[] chunk = new byte[0];
    private int at;
    private boolean ended;

    /** The next chunk, waiting for it; null at the end. */
    protected abstract byte @Nullable [] next() throws IOException;

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        while (at >= chunk.length) {
            if (ended) {
                return -1;
            }
            byte[] next = next();
            if (next == null) {
                ended = true;
                return -1;
            }
            chunk = next;
            at = 0;
        }
        int n = Math.min(length, chunk.length - at);
        System.arraycopy(chunk, at, buffer, offset, n);
        at += n;
        return n;
    }

    /** Whether the end was read. */
    protected boolean ended() {
        return ended;
    }
}

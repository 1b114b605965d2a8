package org.vsconsole.host.agent;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A guest tree moving through the agent in chunks the web tier asks for ({@code treeRead}) or
 * hands over ({@code treeWrite}): the web tier sets the pace both ways, so neither side holds
 * more than a few chunks whatever the tree's size. The call that opened it stays running until
 * the tree has passed; a cancel of that call, or the end of the connection, closes it.
 */
sealed interface TreeTransfer extends AutoCloseable {

    /** Raw bytes per chunk: a {@code treeWrite} frame carries them as base64 within the 1 MiB request limit. */
    int CHUNK = 512 * 1024;

    @Override
    void close();

    /** An export: the archive of a stopped guest, read by the web tier chunk by chunk. */
    final class Export implements TreeTransfer {

        private final InputStream archive;
        private final CountDownLatch ended = new CountDownLatch(1);
        private long sent;

        Export(InputStream archive) {
            this.archive = archive;
        }

        /** The next chunk of the archive, and whether it is the last (tar's exit checked); then the transfer is over. */
        record Chunk(byte[] data, boolean last) {
        }

        synchronized Chunk read() throws IOException {
            byte[] buffer = new byte[CHUNK];
            int filled;
            try {
                filled = archive.readNBytes(buffer, 0, CHUNK); // short only at the archive's end
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
            boolean last = filled < CHUNK;
            sent += filled;
            if (last) {
                ended.countDown();
            }
            return new Chunk(Arrays.copyOf(buffer, filled), last);
        }

        /** Waits until the archive was read to its end or closed; true when read to its end. */
        boolean awaitEnd(java.util.function.BooleanSupplier cancelled) throws InterruptedException {
            while (!ended.await(200, TimeUnit.MILLISECONDS)) {
                if (cancelled.getAsBoolean()) {
                    return false;
                }
            }
            return true;
        }

        synchronized long sent() {
            return sent;
        }

        @Override
        public void close() {
            try {
                archive.close();
            } catch (IOException e) {
                // the archiver is ended either way
            }
            ended.countDown();
        }
    }

    /** An import: chunks the web tier hands over, read by the driver's unpacker as one stream. */
    final class Import implements TreeTransfer {

        private static final byte[] END = new byte[0];
        private static final byte[] CLOSED = new byte[0];

        private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(4);
        private volatile boolean closed;

        /** Hands over a chunk; waits while the unpacker is behind, up to a minute. */
        void write(byte[] chunk) throws IOException {
            if (chunk.length > 0) {
                offer(chunk);
            }
        }

        void end() throws IOException {
            offer(END);
        }

        private void offer(byte[] chunk) throws IOException {
            if (closed) {
                throw new IOException("the import has ended");
            }
            try {
                if (!chunks.offer(chunk, 60, TimeUnit.SECONDS)) {
                    throw new IOException("the unpacker took nothing for 60 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        /** What the unpacker reads: the chunks in order, an end, or an error once closed. */
        InputStream input() {
            return new ChunkedInputStream() {

                @Override
                protected byte @Nullable [] next() throws IOException {
                    byte[] next;
                    try {
                        next = chunks.poll(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                    if (next == null) {
                        throw new IOException("no part of the tree came for 60 s");
                    }
                    if (next == CLOSED || closed) {
                        throw new IOException("the copy was stopped");
                    }
                    return next == END ? null : next;
                }
            };
        }

        @Override
        public void close() {
            closed = true;
            chunks.clear();
            chunks.offer(CLOSED);
        }
    }
}

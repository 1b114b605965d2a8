package org.vsconsole.host.agent;

import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.TreePass;
import tools.jackson.databind.JsonNode;

/**
 * The web tier's end of a guest tree moving through an agent: an export read chunk by chunk with
 * {@code treeRead}, an import fed with {@code treeWrite}. Each chunk is one call, so the pace is
 * the slower side's and a tree of any size holds a few chunks in memory.
 */
final class AgentTreeStreams {

    private static final long OPEN_PATIENCE_SECONDS = 60;

    private AgentTreeStreams() {
    }

    /** The archive of the agent's stopped guest {@code name}; closing it before its end stops the export there. */
    static InputStream export(AgentClient client, String name, TreePass pass) {
        CompletableFuture<Boolean> opened = new CompletableFuture<>();
        AgentClient.Started open = client.start("treeExport", AgentJson.MAPPER.createObjectNode().put("guest", name)
                .put("pass", pass.wire()), e -> {
                    if (e.has("opened")) {
                        opened.complete(true);
                    }
                });
        awaitOpened(client, open, opened, "export", name);
        return new PrefetchedExport(client, open, name);
    }

    /**
     * The export's chunks, fetched one call ahead on a thread of its own: while the caller writes
     * one chunk to the other host, the next is already on its way from this one.
     */
    private static final class PrefetchedExport extends ChunkedInputStream {

        private static final Object END = new Object();

        private final AgentClient client;
        private final AgentClient.Started open;
        private final java.util.concurrent.BlockingQueue<Object> ahead = new java.util.concurrent.ArrayBlockingQueue<>(2);
        private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

        PrefetchedExport(AgentClient client, AgentClient.Started open, String name) {
            this.client = client;
            this.open = open;
            Thread.ofVirtual().name("tree-export-" + name).start(() -> {
                try {
                    boolean last = false;
                    while (!last && !closed.get()) {
                        JsonNode next = client.call("treeRead", AgentJson.MAPPER.createObjectNode().put("target", open.id()), null, null);
                        last = next.path("end").booleanValue(false);
                        hand(Base64.getDecoder().decode(next.path("data").asString("")));
                    }
                    if (last) {
                        settle(open, "export", name); // the export call says whether tar ended well
                        hand(END);
                    }
                } catch (RuntimeException e) {
                    hand(new IOException(org.vsconsole.base.Formats.reason(e), e));
                }
            });
        }

        private void hand(Object item) {
            try {
                while (!closed.get() && !ahead.offer(item, 200, TimeUnit.MILLISECONDS)) {
                    // the reader is behind: wait, unless it gave up
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        protected byte @Nullable [] next() throws IOException {
            Object next;
            try {
                next = ahead.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            if (next instanceof IOException failed) {
                throw failed;
            }
            return next == END ? null : (byte[]) next;
        }

        @Override
        public void close() {
            if (closed.getAndSet(true)) {
                return;
            }
            ahead.clear();
            if (!ended() && client.isOpen()) {
                try {
                    client.cancel(open.id(), "export");
                } catch (HostOperationException e) {
                    // the connection ended, and the export with it
                }
            }
        }
    }

    /** Feeds {@code archive} to the agent, which unpacks it as the root of its guest {@code name}; returns the bytes sent. */
    static long importInto(AgentClient client, String name, InputStream archive, long bytes, TreePass pass, BooleanSupplier cancelled,
            LongConsumer progress) {
        CompletableFuture<Boolean> opened = new CompletableFuture<>();
        AgentClient.Started open = client.start("treeImport", AgentJson.MAPPER.createObjectNode().put("guest", name)
                .put("bytes", bytes).put("pass", pass.wire()), e -> {
                    if (e.has("opened")) {
                        opened.complete(true);
                    }
                });
        awaitOpened(client, open, opened, "import", name);
        long sent = 0;
        byte[] buffer = new byte[TreeTransfer.CHUNK];
        try {
            int filled;
            while ((filled = archive.readNBytes(buffer, 0, buffer.length)) > 0) {
                if (cancelled.getAsBoolean()) {
                    throw new HostOperationException("import", name, "the copy was cancelled");
                }
                if (open.reply().isDone()) {
                    break; // the unpacker stopped early: its reply below says why
                }
                client.call("treeWrite", AgentJson.MAPPER.createObjectNode().put("target", open.id())
                        .put("data", java.util.Arrays.copyOf(buffer, filled)), null, null);
                sent += filled;
                progress.accept(sent);
            }
            if (!open.reply().isDone()) {
                client.call("treeEnd", AgentJson.MAPPER.createObjectNode().put("target", open.id()), null, null);
            }
        } catch (IOException | RuntimeException e) {
            if (client.isOpen() && !open.reply().isDone()) {
                client.cancel(open.id(), "import");
            }
            if (open.reply().isDone()) {
                settle(open, "import", name); // the agent's reason is the better one
            }
            throw e instanceof RuntimeException r ? r : new HostOperationException("import", name, org.vsconsole.base.Formats.reason(e), e);
        }
        settle(open, "import", name);
        return sent;
    }

    /** Waits for the call to say it began; a refusal (not stopped, no room, a bad name) is thrown as the agent put it. */
    private static void awaitOpened(AgentClient client, AgentClient.Started open, CompletableFuture<Boolean> opened, String op,
            String name) {
        try {
            CompletableFuture.anyOf(opened, open.reply()).get(OPEN_PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            client.cancel(open.id(), op);
            throw new HostOperationException(op, name, "the host agent did not begin within " + OPEN_PATIENCE_SECONDS + " s");
        } catch (ExecutionException e) {
            // the reply failed: settle says how
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.cancel(open.id(), op);
            throw new HostOperationException(op, name, "interrupted");
        }
        if (!opened.isDone()) {
            settle(open, op, name);
            throw new HostOperationException(op, name, "the host agent ended the " + op + " before it began");
        }
    }

    /** The opening call's result: its failure thrown as the agent said it. */
    private static void settle(AgentClient.Started open, String op, String name) {
        try {
            AgentClient.result(op, open.reply().get(10, TimeUnit.MINUTES));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new HostOperationException(op, name, String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            throw new HostOperationException(op, name, "the host agent did not finish the " + op + " within 10 minutes");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostOperationException(op, name, "interrupted");
        }
    }
}

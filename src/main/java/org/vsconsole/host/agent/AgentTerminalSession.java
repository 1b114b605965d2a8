package org.vsconsole.host.agent;

import java.io.IOException;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.TerminalSession;
import org.vsconsole.host.TerminalSize;

/**
 * A terminal inside a guest, run by the agent: the open call stays running while the program
 * does and streams what it shows; keystrokes and resizes are calls of their own naming it; a
 * cancel of the open call ends the program.
 */
final class AgentTerminalSession implements TerminalSession {

    private static final byte[] END = new byte[0];

    private final AgentClient client;
    private final AgentClient.Started open;
    private final BlockingQueue<byte[]> shown = new LinkedBlockingQueue<>();
    private final CompletableFuture<Boolean> opened = new CompletableFuture<>();
    private byte[] rest = END;
    private int restAt;
    private volatile boolean ended;

    private AgentTerminalSession(AgentClient client, String guest, TerminalSize size) {
        this.client = client;
        this.open = client.start("terminalOpen", AgentJson.MAPPER.createObjectNode().put("guest", guest).put("cols", size.cols())
                .put("rows", size.rows()), e -> {
                    if (e.has("opened")) {
                        opened.complete(true);
                    } else {
                        shown.add(Base64.getDecoder().decode(e.path("data").asString("")));
                    }
                });
        open.reply().whenComplete((r, e) -> {
            ended = true;
            shown.add(END);
        });
    }

    static AgentTerminalSession open(AgentClient client, String guest, TerminalSize size) {
        AgentTerminalSession session = new AgentTerminalSession(client, guest, size);
        // a refusal or a guest that is not running fails the open call: say so here, as a local open would
        try {
            CompletableFuture.anyOf(session.opened, session.open.reply()).get(60, TimeUnit.SECONDS);
            if (!session.opened.isDone()) {
                AgentClient.result("terminal", session.open.reply().get());
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r
                    ? r
                    : new HostOperationException("terminal", guest, String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            session.close();
            throw new HostOperationException("terminal", guest, "the host agent did not open the terminal within 60 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            session.close();
            throw new HostOperationException("terminal", guest, "interrupted while opening the terminal");
        }
        return session;
    }

    @Override
    public int read(byte[] buffer) throws IOException {
        while (restAt >= rest.length) {
            try {
                rest = shown.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            restAt = 0;
            if (rest == END) {
                shown.add(END);
                return -1;
            }
        }
        int n = Math.min(buffer.length, rest.length - restAt);
        System.arraycopy(rest, restAt, buffer, 0, n);
        restAt += n;
        return n;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        for (int at = 0; at < bytes.length; at += 48 * 1024) {
            byte[] part = java.util.Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + 48 * 1024));
            try {
                client.call("terminalInput", AgentJson.MAPPER.createObjectNode().put("target", open.id())
                        .put("data", Base64.getEncoder().encodeToString(part)), null, null);
            } catch (HostOperationException | org.vsconsole.base.InvalidInputException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
    }

    @Override
    public void resize(TerminalSize size) {
        client.call("terminalResize", AgentJson.MAPPER.createObjectNode().put("target", open.id()).put("cols", size.cols())
                .put("rows", size.rows()), null, null);
    }

    @Override
    public boolean isAlive() {
        return !ended;
    }

    @Override
    public void close() {
        if (!ended && client.isOpen()) {
            try {
                client.cancel(open.id(), "terminal");
            } catch (HostOperationException e) {
                // the connection ended: so did the program
            }
        }
    }
}

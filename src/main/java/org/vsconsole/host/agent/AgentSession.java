package org.vsconsole.host.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vsconsole.base.Formats;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.TerminalSession;
import tools.jackson.databind.node.ObjectNode;

/**
 * One connection to the agent. Requests run concurrently (a guest's start must not hold up the
 * dashboard's figures), each on a thread of its own; replies carry the request's id. A frame
 * the agent cannot read is refused and changes nothing; a frame that breaks the framing ends the
 * connection, since nothing after it can be trusted to start where it seems to.
 */
final class AgentSession implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(AgentSession.class);
    /**
     * Platform threads, kept for reuse: a terminal's read and other native calls would pin a virtual
     * thread's carrier, and a new thread per call costs more than the call.
     */
    private static final java.util.concurrent.ExecutorService CALLS = java.util.concurrent.Executors
            .newCachedThreadPool(Thread.ofPlatform().daemon().name("agent-call-", 0).factory());
    /** Calls one web tier may have running at once; more are refused, not queued without end. */
    static final int MAX_IN_FLIGHT = 64;

    private final InputStream in;
    private final OutputStream out;
    private final AgentOperations operations;
    private final String peer;
    private final Map<Long, AtomicBoolean> running = new ConcurrentHashMap<>();
    private final Map<Long, TerminalSession> terminals = new ConcurrentHashMap<>();
    private final Map<Long, TreeTransfer> transfers = new ConcurrentHashMap<>();

    AgentSession(InputStream in, OutputStream out, AgentOperations operations, String peer) {
        this.in = in;
        this.out = out;
        this.operations = operations;
        this.peer = peer;
    }

    @Override
    public void run() {
        try {
            byte[] frame;
            while ((frame = AgentFrames.read(in, AgentFrames.MAX_REQUEST)) != null) {
                accept(frame);
            }
        } catch (AgentFrames.FrameException e) {
            log.warn("Agent: closing the connection from {}: {}", peer, e.getMessage());
            send(refusal(0, "frame", e.getMessage()));
        } catch (IOException e) {
            log.debug("Agent: connection from {} ended: {}", peer, e.getMessage());
        } finally {
            running.values().forEach(cancelled -> cancelled.set(true));
            terminals.values().forEach(TerminalSession::close);
            transfers.values().forEach(TreeTransfer::close);
        }
    }

    private void accept(byte[] frame) {
        AgentRequest request;
        try {
            request = AgentRequest.parse(frame);
        } catch (InvalidInputException e) {
            refuse(AgentRequest.idOf(frame), "?", e);
            return;
        }
        if (request.op().equals("cancel")) {
            cancel(request);
            return;
        }
        AtomicBoolean cancelled = new AtomicBoolean();
        if (running.size() >= MAX_IN_FLIGHT) {
            refuse(request.id(), request.op(), new InvalidInputException("id", "at most " + MAX_IN_FLIGHT + " calls may run at once"));
            return;
        }
        if (running.putIfAbsent(request.id(), cancelled) != null) {
            refuse(request.id(), request.op(), new InvalidInputException("id", "a call with this id is still running"));
            return;
        }
        CALLS.execute(() -> {
            Thread.currentThread().setName("agent-" + request.op() + "-" + request.id());
            try {
                send(serve(request, cancelled));
            } finally {
                running.remove(request.id());
            }
        });
    }

    private ObjectNode serve(AgentRequest request, AtomicBoolean cancelled) {
        try {
            Object result = operations.run(request, new AgentCall() {

                @Override
                public void line(String line) {
                    send(event(request.id()).put("line", line));
                }

                @Override
                public void percent(int percent) {
                    send(event(request.id()).put("percent", percent));
                }

                @Override
                public void opened() {
                    send(event(request.id()).put("opened", true));
                }

                @Override
                public void data(byte[] bytes) {
                    send(event(request.id()).put("data", java.util.Base64.getEncoder().encodeToString(bytes)));
                }

                @Override
                public boolean cancelled() {
                    return cancelled.get();
                }

                @Override
                public Map<Long, TerminalSession> terminals() {
                    return terminals;
                }

                @Override
                public Map<Long, TreeTransfer> transfers() {
                    return transfers;
                }
            });
            ObjectNode reply = AgentJson.MAPPER.createObjectNode().put("id", request.id()).put("ok", true);
            reply.set("result", AgentJson.MAPPER.valueToTree(result));
            return reply;
        } catch (InvalidInputException e) {
            log.warn("Agent: refused '{}' from {}: {}", request.op(), peer, e.getMessage());
            return refusal(request.id(), e.field(), e.rule());
        } catch (HostOperationException e) {
            return failure(request.id(), request.op(), e.getMessage());
        } catch (org.vsconsole.host.config.ConfigConflictException e) {
            // the caller shows which files changed, as it would for its own stale write
            ObjectNode conflict = failure(request.id(), request.op(), e.getMessage()).put("error", "conflict")
                    .put("guest", e.guest()).put("expected", e.expectedDigest()).put("actual", e.actualDigest());
            e.changedPaths().forEach(conflict.putArray("changed")::add);
            return conflict;
        } catch (RuntimeException e) {
            log.error("Agent: '{}' failed", request.op(), e);
            return failure(request.id(), request.op(), Formats.reason(e));
        }
    }

    private void cancel(AgentRequest request) {
        try {
            request.allowOnly(java.util.Set.of("target"));
            long id = request.integer("target", 1, AgentRequest.MAX_ID);
            AtomicBoolean target = running.get(id);
            if (target != null) {
                target.set(true);
            }
            TerminalSession terminal = terminals.get(id);
            if (terminal != null) {
                // its reader blocks until the program shows something: ending the program ends the call
                terminal.close();
            }
            TreeTransfer transfer = transfers.get(id);
            if (transfer != null) {
                transfer.close(); // an unpacker waiting for the next chunk, or an archiver writing, ends now
            }
            ObjectNode reply = AgentJson.MAPPER.createObjectNode().put("id", request.id()).put("ok", true);
            reply.set("result", AgentJson.MAPPER.valueToTree(target != null));
            send(reply);
        } catch (InvalidInputException e) {
            refuse(request.id(), "cancel", e);
        }
    }

    private void refuse(long id, String op, InvalidInputException e) {
        log.warn("Agent: refused '{}' from {}: {}", op, peer, e.getMessage());
        send(refusal(id, e.field(), e.rule()));
    }

    private static ObjectNode event(long id) {
        return AgentJson.MAPPER.createObjectNode().put("id", id).put("event", true);
    }

    private static ObjectNode refusal(long id, String field, @Nullable String message) {
        return AgentJson.MAPPER.createObjectNode().put("id", id).put("ok", false).put("error", "refused")
                .put("field", field).put("message", message == null ? "refused" : message);
    }

    private static ObjectNode failure(long id, String operation, @Nullable String message) {
        return AgentJson.MAPPER.createObjectNode().put("id", id).put("ok", false).put("error", "failed")
                .put("operation", operation).put("message", message == null ? operation + " failed" : message);
    }

    private void send(ObjectNode reply) {
        byte[] body = AgentJson.MAPPER.writeValueAsBytes(reply);
        synchronized (out) {
            try {
                AgentFrames.write(out, body);
            } catch (IOException e) {
                log.debug("Agent: cannot reply to {}: {}", peer, e.getMessage());
            }
        }
    }
}

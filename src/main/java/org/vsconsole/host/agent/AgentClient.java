package org.vsconsole.host.agent;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.HostOperationException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The web tier's end of one agent connection. Calls from many threads share it: each carries an
 * id, one reader thread hands every reply to the call that waits for it, so a long build does not
 * hold up the dashboard's figures. A connection that ends fails every call still waiting on it.
 */
final class AgentClient implements Closeable {

    private final InputStream in;
    private final OutputStream out;
    private final Closeable resource;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private volatile @Nullable String endedBecause;

    private record Pending(CompletableFuture<JsonNode> reply, Consumer<JsonNode> events) {
    }

    private AgentClient(InputStream in, OutputStream out, Closeable resource, String name) {
        this.in = in;
        this.out = out;
        this.resource = resource;
        Thread.ofPlatform().daemon().name("agent-client-" + name).start(this::readReplies);
    }

    static AgentClient overSocket(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot reach the host agent at " + socket + ": " + e.getMessage(), e);
        }
        return new AgentClient(Channels.newInputStream(channel), Channels.newOutputStream(channel), channel, socket.toString());
    }

    /** Over a pair of streams, such as an SSH channel's or a child process's. */
    static AgentClient over(InputStream in, OutputStream out, Closeable resource, String name) {
        return new AgentClient(in, out, resource, name);
    }

    boolean isOpen() {
        return endedBecause == null;
    }

    /**
     * Calls {@code op} and waits for its result. Events (output lines, progress) go to {@code
     * events}; when {@code cancelled} turns true the agent is asked to stop the call.
     */
    JsonNode call(String op, ObjectNode fields, @Nullable Consumer<JsonNode> events, @Nullable BooleanSupplier cancelled) {
        Started call = start(op, fields, events);
        try {
            boolean cancelSent = false;
            while (true) {
                try {
                    return result(op, call.reply().get(200, TimeUnit.MILLISECONDS));
                } catch (TimeoutException e) {
                    if (!cancelSent && cancelled != null && cancelled.getAsBoolean()) {
                        cancel(call.id(), op);
                        cancelSent = true;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostOperationException(op, null, "interrupted while waiting for the host agent");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new HostOperationException(op, null, String.valueOf(e.getCause()));
        } finally {
            pending.remove(call.id());
        }
    }

    /** A call sent and not yet answered: its id, and its reply to come (already checked: a refusal or failure completes it exceptionally). */
    record Started(long id, CompletableFuture<JsonNode> reply) {
    }

    /** Sends {@code op} without waiting; the caller owns the call until its reply completes. */
    Started start(String op, ObjectNode fields, @Nullable Consumer<JsonNode> events) {
        long id = ids.incrementAndGet();
        ObjectNode request = AgentJson.MAPPER.createObjectNode().put("v", AgentRequest.VERSION).put("id", id).put("op", op);
        request.setAll(fields);
        Pending call = new Pending(new CompletableFuture<>(), events == null ? e -> {
        } : events);
        pending.put(id, call);
        try {
            send(request, op);
        } catch (RuntimeException e) {
            pending.remove(id);
            throw e;
        }
        CompletableFuture<JsonNode> reply = call.reply().whenComplete((r, e) -> pending.remove(id));
        return new Started(id, reply);
    }

    /** Asks the agent to stop call {@code id}. */
    void cancel(long id, String op) {
        send(AgentJson.MAPPER.createObjectNode().put("v", AgentRequest.VERSION).put("id", ids.incrementAndGet())
                .put("op", "cancel").put("target", id), op);
    }

    static JsonNode result(String op, JsonNode reply) {
        if (reply.path("ok").booleanValue(false)) {
            return reply.path("result");
        }
        String message = reply.path("message").asString("the host agent gave no reason");
        if ("refused".equals(reply.path("error").asString(""))) {
            throw new InvalidInputException(reply.path("field").asString("request"), message);
        }
        if ("conflict".equals(reply.path("error").asString(""))) {
            java.util.List<String> changed = new java.util.ArrayList<>();
            reply.path("changed").forEach(p -> changed.add(p.asString("")));
            throw new org.vsconsole.host.config.ConfigConflictException(reply.path("guest").asString(""),
                    reply.path("expected").asString(""), reply.path("actual").asString(""), changed);
        }
        throw new HostOperationException(op, null, message);
    }

    private void send(ObjectNode request, String op) {
        byte[] body = AgentJson.MAPPER.writeValueAsBytes(request);
        String ended = endedBecause;
        if (ended != null) {
            throw new HostOperationException(op, null, "the host agent is not connected: " + ended);
        }
        synchronized (out) {
            try {
                AgentFrames.write(out, body);
            } catch (IOException e) {
                end("cannot write to the host agent: " + e.getMessage());
                throw new HostOperationException(op, null, "cannot reach the host agent: " + e.getMessage(), e);
            }
        }
    }

    private void readReplies() {
        try {
            byte[] frame;
            while ((frame = AgentFrames.read(in, AgentFrames.MAX_REPLY)) != null) {
                JsonNode reply = AgentJson.MAPPER.readTree(frame);
                Pending call = pending.get(reply.path("id").asLong(0));
                if (call == null) {
                    continue;
                }
                if (reply.path("event").booleanValue(false)) {
                    call.events().accept(reply);
                } else {
                    call.reply().complete(reply);
                }
            }
            end("the host agent closed the connection");
        } catch (IOException | RuntimeException e) {
            end("the connection to the host agent broke: " + e.getMessage());
        }
    }

    private void end(String why) {
        if (endedBecause == null) {
            endedBecause = why;
        }
        pending.values().forEach(p -> p.reply().completeExceptionally(new HostOperationException("agent", null, why)));
        try {
            resource.close();
        } catch (IOException e) {
            // already ending; the reason above is what the caller needs
        }
    }

    @Override
    public void close() {
        end("closed by the console");
    }
}

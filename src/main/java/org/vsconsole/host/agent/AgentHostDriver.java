package org.vsconsole.host.agent;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.vsconsole.host.BuildProgress;
import org.vsconsole.host.BuildRequest;
import org.vsconsole.host.ContextDetails;
import org.vsconsole.host.ContextFigures;
import org.vsconsole.host.DiskQuotaState;
import org.vsconsole.host.DiskUsage;
import org.vsconsole.host.ExecResult;
import org.vsconsole.host.GuestProcess;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.HostFacts;
import org.vsconsole.host.HostLoad;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.LimitValues;
import org.vsconsole.host.TerminalSession;
import org.vsconsole.host.TerminalSize;
import org.vsconsole.host.TreePass;
import org.vsconsole.host.config.AcceptedEntry;
import org.vsconsole.host.config.ConfigChange;
import org.vsconsole.host.config.ConfigTreeOwner;
import org.vsconsole.host.config.NewGuest;
import org.vsconsole.host.config.PlannedFile;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The host port served by a host agent: each call goes over the agent's protocol and comes back
 * as the agent's driver answered it. Guests are sent by name only; the agent reads the rest from
 * its own config tree. A connection that broke is made again at the next call; an agent that
 * cannot be reached is tried again with back-off ({@link ReconnectBackoff}).
 */
public final class AgentHostDriver implements HostDriver, ConfigTreeOwner {

    /** Opens a connection to the agent; called again after one broke. */
    interface Connector {

        AgentClient connect() throws IOException;
    }

    private final Connector connector;
    private final AgentHello hello;
    private @Nullable AgentClient client;
    private final ReconnectBackoff backoff;

    AgentHostDriver(Connector connector) {
        this(connector, System::nanoTime);
    }

    AgentHostDriver(Connector connector, java.util.function.LongSupplier nanoClock) {
        this.connector = connector;
        this.backoff = new ReconnectBackoff(nanoClock);
        this.hello = ping();
        if (hello.protocol() != AgentRequest.VERSION) {
            throw new HostOperationException("hello", null, "the host agent speaks protocol " + hello.protocol()
                    + "; this console speaks " + AgentRequest.VERSION);
        }
    }

    /** The driver of another host's agent, reached over SSH; fails with the reason when it cannot be reached. */
    public static AgentHostDriver overSsh(SshAgentConnector connector) {
        return new AgentHostDriver(connector);
    }

    /** The driver of the agent listening on {@code socket}; fails with the reason when it cannot be reached. */
    public static AgentHostDriver overSocket(java.nio.file.Path socket) {
        return new AgentHostDriver(() -> AgentClient.overSocket(socket));
    }

    /**
     * As {@link #overSocket}, waiting up to {@code patience} for the agent to open its socket: a
     * service manager may start the web tier while the agent is still starting.
     */
    public static AgentHostDriver overSocket(java.nio.file.Path socket, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                return overSocket(socket);
            } catch (HostOperationException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Asks the agent who it is again: proof that it answers, at the cost of one round trip. */
    AgentHello ping() {
        return AgentJson.MAPPER.treeToValue(call("hello", fields(), null, null), AgentHello.class);
    }

    @Override
    public String name() {
        return hello.driver();
    }

    @Override
    public Optional<String> readOnlyReason() {
        return Optional.ofNullable(hello.readOnlyReason());
    }

    @Override
    public boolean buildMakesConfigDirectory() {
        return hello.buildMakesConfigDirectory();
    }

    @Override
    public HostFacts facts() {
        return AgentJson.MAPPER.treeToValue(call("facts", fields(), null, null), HostFacts.class);
    }

    /** The agent's host's load and memory. */
    public HostLoad load() {
        return AgentJson.MAPPER.treeToValue(call("load", fields(), null, null), HostLoad.class);
    }

    /** Every guest of the agent's config tree, and whether it runs. */
    public List<HostGuest> guests() {
        return AgentJson.MAPPER.convertValue(call("guests", fields(), null, null), new TypeReference<List<HostGuest>>() {
        });
    }

    /** Writes a new guest's config on the agent's host; its root is built with {@link #buildRoot(String, BuildRequest, BuildProgress)}. */
    public HostGuest createGuest(String name, int context, @Nullable String nodename) {
        ObjectNode fields = guest(name).put("context", context);
        if (nodename != null) {
            fields.put("nodename", nodename);
        }
        return AgentJson.MAPPER.treeToValue(call("createGuest", fields, null, null), HostGuest.class);
    }

    /** Saves a limit in the guest's config there and applies it live when it runs; true when it was applied live. */
    public boolean setLimit(String name, String limit, LimitValues values) {
        return call("setLimit", guest(name).put("limit", limit).put("soft", values.soft())
                .put("hard", values.hard()), null, null).booleanValue(false);
    }

    /** Removes a stopped guest there: its root, then its config. */
    public void deleteGuest(String name) {
        call("deleteGuest", guest(name), null, null);
    }

    /** The settings of the agent's guest {@code name} a console edits, with their digest. */
    public HostGuestSettings guestSettings(String name) {
        return AgentJson.MAPPER.treeToValue(call("guestSettings", guest(name), null, null), HostGuestSettings.class);
    }

    /** What a move of the agent's guest {@code name} carries, and what it leaves, as that host's config says. */
    public org.vsconsole.host.MovableGuest guestToMove(String name) {
        return AgentJson.MAPPER.treeToValue(call("guestToMove", guest(name), null, null), org.vsconsole.host.MovableGuest.class);
    }

    @Override
    public void apply(String guest, String expectedDigest, ConfigChange change) {
        call("configApply", guest(guest).put("digest", expectedDigest).set("change", ConfigWireFormat.change(change)), null, null);
    }

    @Override
    public void create(NewGuest spec) {
        call("configCreate", fields().set("spec", AgentJson.MAPPER.valueToTree(spec)), null, null);
    }

    @Override
    public void delete(String guest, String expectedDigest) {
        call("configDelete", guest(guest).put("digest", expectedDigest), null, null);
    }

    @Override
    public void restore(String guest, String expectedDigest, Map<String, AcceptedEntry> accepted) {
        call("configRestore", guest(guest).put("digest", expectedDigest).set("accepted", AgentJson.MAPPER.valueToTree(accepted)),
                null, null);
    }

    @Override
    public void setContextNext(int next) {
        call("configContextNext", fields().put("next", next), null, null);
    }

    @Override
    public boolean putBack(String guest, List<PlannedFile> planned) {
        return call("configPutBack", guest(guest).set("planned", AgentJson.MAPPER.valueToTree(planned)), null, null).booleanValue();
    }

    @Override
    public void start(GuestSpec guest) {
        start(guest.name());
    }

    /** Starts the agent's guest {@code name}: the agent reads everything else from its own config. */
    public void start(String name) {
        call("start", guest(name), null, null);
    }

    @Override
    public void stop(GuestSpec guest, Duration timeout) {
        stop(guest.name(), timeout);
    }

    /** Stops the agent's guest {@code name}, killing what is left after {@code timeout}. */
    public void stop(String name, Duration timeout) {
        call("stop", guest(name).put("timeoutMs", Math.max(1, timeout.toMillis())), null, null);
    }

    @Override
    public void restart(GuestSpec guest, Duration timeout) {
        call("restart", guest(guest).put("timeoutMs", Math.max(1, timeout.toMillis())), null, null);
    }

    @Override
    public boolean isRunning(GuestSpec guest) {
        return isRunning(guest.name());
    }

    /** Whether the agent's guest {@code name} runs, as its driver tells. */
    public boolean isRunning(String name) {
        return call("isRunning", guest(name), null, null).booleanValue();
    }

    @Override
    public Map<Integer, ContextFigures> figures(List<GuestSpec> guests) {
        return byXid(call("figures", guests(guests), null, null));
    }

    @Override
    public Map<Integer, ContextFigures> otherContexts(List<GuestSpec> guests) {
        return byXid(call("otherContexts", guests(guests), null, null));
    }

    @Override
    public Optional<ContextDetails> contextDetails(GuestSpec guest) {
        JsonNode result = call("contextDetails", guest(guest), null, null);
        return result.isNull() ? Optional.empty() : Optional.of(AgentJson.MAPPER.treeToValue(result, ContextDetails.class));
    }

    @Override
    public OptionalInt dynamicContext(java.nio.file.Path configDir) {
        JsonNode result = call("dynamicContext", guest(configDir.getFileName().toString()), null, null);
        return result.isNull() ? OptionalInt.empty() : OptionalInt.of(result.intValue());
    }

    @Override
    public ExecResult exec(GuestSpec guest, List<String> argv, Consumer<String> output, Duration timeout) {
        ObjectNode fields = guest(guest).put("timeoutMs", Math.max(1, timeout.toMillis()));
        fields.set("argv", AgentJson.MAPPER.valueToTree(argv));
        JsonNode result = call("exec", fields, e -> output.accept(e.path("line").asString("")), null);
        return AgentJson.MAPPER.treeToValue(result, ExecResult.class);
    }

    @Override
    public TerminalSession openTerminal(GuestSpec guest, TerminalSize size) {
        return openTerminal(guest.name(), size);
    }

    /** A login shell in the agent's guest {@code name}: the agent reads everything else from its own config. */
    public TerminalSession openTerminal(String name, TerminalSize size) {
        return AgentTerminalSession.open(client("terminal"), name, size);
    }

    @Override
    public java.io.InputStream exportTree(GuestSpec guest, TreePass pass) {
        return exportTree(guest.name(), pass);
    }

    /** The archive of the agent's guest {@code name} for {@code pass}, read chunk by chunk as it is consumed. */
    public java.io.InputStream exportTree(String name, TreePass pass) {
        return AgentTreeStreams.export(client("export"), name, pass);
    }

    @Override
    public long importTree(GuestSpec guest, java.io.InputStream archive, TreePass pass, java.util.function.BooleanSupplier cancelled,
            java.util.function.LongConsumer progress) {
        return importTree(guest.name(), archive, 0, pass, cancelled, progress);
    }

    /**
     * Unpacks {@code archive} there as the root of the agent's guest {@code name} (its config made
     * first); {@code bytes}, the tree's size as measured at the source, is checked against the room
     * there before anything is sent.
     */
    public long importTree(String name, java.io.InputStream archive, long bytes, TreePass pass,
            java.util.function.BooleanSupplier cancelled, java.util.function.LongConsumer progress) {
        return AgentTreeStreams.importInto(client("import"), name, archive, bytes, pass, cancelled, progress);
    }

    /** Bytes free for guest trees on the agent's host. */
    public long freeBytes() {
        return call("space", fields(), null, null).longValue(0);
    }

    @Override
    public DiskUsage diskUsage(GuestSpec guest, Duration bound, String note) {
        return diskUsage(guest.name(), bound, note);
    }

    /** The size of the agent's guest {@code name}, walked there within {@code bound}. */
    public DiskUsage diskUsage(String name, Duration bound, String note) {
        return AgentJson.MAPPER.treeToValue(call("diskUsage", guest(name).put("boundMs", Math.max(1, bound.toMillis()))
                .put("note", note), null, null), DiskUsage.class);
    }

    @Override
    public List<GuestProcess> processes(GuestSpec guest) {
        return AgentJson.MAPPER.convertValue(call("processes", guest(guest), null, null), new TypeReference<List<GuestProcess>>() {
        });
    }

    @Override
    public void kill(GuestSpec guest, int pid, int signal) {
        call("kill", guest(guest).put("pid", pid).put("signal", signal), null, null);
    }

    @Override
    public void setLimitLive(GuestSpec guest, String limitName, LimitValues values) {
        call("setLimitLive", guest(guest).put("limit", limitName).put("soft", values.soft()).put("hard", values.hard()), null, null);
    }

    @Override
    public LimitValues liveAtStart(String limitName, @Nullable LimitValues saved) {
        ObjectNode fields = fields().put("limit", limitName);
        if (saved != null) {
            fields.put("soft", saved.soft()).put("hard", saved.hard());
        }
        return AgentJson.MAPPER.treeToValue(call("liveAtStart", fields, null, null), LimitValues.class);
    }

    @Override
    public void remountTmp(GuestSpec guest, String size) {
        call("remountTmp", guest(guest).put("size", size), null, null);
    }

    @Override
    public void buildRoot(GuestSpec guest, BuildRequest request, BuildProgress progress) {
        buildRoot(guest.name(), request, progress);
    }

    /** Builds the root of the agent's guest {@code name}, whose config is written already. */
    public void buildRoot(String name, BuildRequest request, BuildProgress progress) {
        ObjectNode fields = guest(name);
        fields.set("request", AgentJson.MAPPER.valueToTree(request));
        call("buildRoot", fields, e -> {
            if (e.has("percent")) {
                progress.percent(e.path("percent").intValue());
            } else {
                progress.accept(e.path("line").asString(""));
            }
        }, progress::cancelled);
    }

    @Override
    public void deleteRoot(GuestSpec guest) {
        call("deleteRoot", guest(guest), null, null);
    }

    @Override
    public DiskQuotaState diskQuota(GuestSpec guest) {
        return AgentJson.MAPPER.treeToValue(call("diskQuota", guest(guest), null, null), DiskQuotaState.class);
    }

    @Override
    public DiskQuotaState applyDiskQuota(GuestSpec guest) {
        return AgentJson.MAPPER.treeToValue(call("applyDiskQuota", guest(guest), null, null), DiskQuotaState.class);
    }

    private JsonNode call(String op, ObjectNode fields, @Nullable Consumer<JsonNode> events,
            java.util.function.@Nullable BooleanSupplier cancelled) {
        return client(op).call(op, fields, events, cancelled);
    }

    private synchronized AgentClient client(String op) {
        AgentClient current = client;
        if (current != null && current.isOpen()) {
            return current;
        }
        String refusal = backoff.refusal();
        if (refusal != null) {
            throw new HostOperationException(op, null, refusal);
        }
        try {
            AgentClient fresh = connector.connect();
            client = fresh;
            backoff.succeeded();
            return fresh;
        } catch (IOException e) {
            String why = e.getMessage() == null ? "cannot reach the host agent" : e.getMessage();
            backoff.failed(why);
            throw new HostOperationException(op, null, why, e);
        }
    }

    private static ObjectNode fields() {
        return AgentJson.MAPPER.createObjectNode();
    }

    private static ObjectNode guest(GuestSpec guest) {
        return guest(guest.name());
    }

    private static ObjectNode guest(String name) {
        return fields().put("guest", name);
    }

    private static ObjectNode guests(List<GuestSpec> guests) {
        ObjectNode fields = fields();
        fields.set("guests", AgentJson.MAPPER.valueToTree(guests.stream().map(GuestSpec::name).toList()));
        return fields;
    }

    private static Map<Integer, ContextFigures> byXid(JsonNode list) {
        List<ContextFigures> figures = AgentJson.MAPPER.convertValue(list, new TypeReference<List<ContextFigures>>() {
        });
        Map<Integer, ContextFigures> out = new LinkedHashMap<>();
        figures.forEach(f -> out.put(f.xid(), f));
        return out;
    }
}

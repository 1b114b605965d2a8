package org.vsconsole.host.agent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.BuildProgress;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.HostLoad;
import org.vsconsole.host.LimitValues;
import org.vsconsole.host.TerminalSession;
import org.vsconsole.host.TerminalSize;
import org.vsconsole.host.TreePass;
import org.vsconsole.host.TreeSpace;
import org.vsconsole.host.config.GuestConfigWriter;
import org.vsconsole.host.config.HostGrammar;
import org.vsconsole.host.config.KnownLimit;
import org.vsconsole.host.proc.HostProcReader;

/**
 * The allow-list: every operation the agent serves, each with the fields it takes and their
 * checks. There is no operation that runs a command on the host; {@code exec} runs inside a
 * guest, which is the tenant's own and as hostile as the tenant.
 */
final class AgentOperations {

    static final int PROTOCOL = AgentRequest.VERSION;
    private static final Pattern ARG = Pattern.compile("[^\\x00]*");
    private static final Pattern LIMIT = Pattern.compile("[a-z]{1,16}");
    private static final Pattern TMP_SIZE = Pattern.compile("[1-9][0-9]{0,15}[kKmMgG%]?");
    private static final int MAX_PID = 4_194_304;
    private static final Pattern NODENAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]*");
    private static final Pattern PASS = Pattern.compile("whole|first|final");
    /** 1 PiB: a tree claimed larger is a mistake, not a guest. */
    private static final long MAX_TREE_BYTES = 1L << 50;

    interface Operation {

        @Nullable
        Object run(AgentRequest request, AgentCall call);
    }

    private final HostDriver driver;
    private final AgentGuests guests;
    private final AgentBuildCheck builds;
    private final Map<String, Operation> operations = new LinkedHashMap<>();

    AgentOperations(HostDriver driver, AgentGuests guests, HostProcReader proc, GuestConfigWriter writer) {
        this.driver = driver;
        this.guests = guests;
        AgentConfigOperations config = new AgentConfigOperations(writer, driver, guests);
        this.builds = new AgentBuildCheck(guests);
        add("hello", Set.of(), (r, c) -> new AgentHello(PROTOCOL, driver.name(), driver.readOnlyReason().orElse(null),
                driver.buildMakesConfigDirectory(), ProcessHandle.current().pid()));
        add("facts", Set.of(), (r, c) -> driver.facts());
        add("load", Set.of(), (r, c) -> HostLoad.read(proc));
        add("guests", Set.of(), (r, c) -> guests.list());
        // the writer checks name, context and node name against the host's grammar and tree
        add("createGuest", Set.of("guest", "context", "nodename"), (r, c) -> config.create(
                r.text("guest", AgentGuests.NAME, AgentGuests.NAME_RULE, 63), (int) r.integer("context", 1, 65535),
                r.optionalText("nodename", NODENAME, "a host name: letters, digits, '-' and '.'", 253)));
        add("setLimit", Set.of("guest", "limit", "soft", "hard"), (r, c) -> {
            GuestSpec guest = guest(r);
            KnownLimit limit = limit(r);
            return config.setLimit(guest, limit.fileName(), values(r, limit));
        });
        add("deleteGuest", Set.of("guest"), (r, c) -> {
            config.delete(guest(r));
            return null;
        });
        // the local web tier's config writes: the tree is root's, the web tier only reads it
        add("guestSettings", Set.of("guest"), (r, c) -> HostGuestSettings.of(guests.config(guest(r))));
        add("guestToMove", Set.of("guest"), (r, c) -> guests.movable(guest(r)));
        add("configApply", Set.of("guest", "digest", "change"), (r, c) -> config.apply(name(r), digest(r),
                ConfigWireFormat.change(r, "change")));
        add("configCreate", Set.of("spec"), (r, c) -> config.create(ConfigWireFormat.newGuest(r, "spec")));
        add("configDelete", Set.of("guest", "digest"), (r, c) -> {
            config.deleteConfig(guest(r), digest(r));
            return null;
        });
        add("configRestore", Set.of("guest", "digest", "accepted"), (r, c) -> config.restore(name(r), digest(r),
                ConfigWireFormat.accepted(r, "accepted")));
        add("configContextNext", Set.of("next"), (r, c) -> {
            config.setContextNext((int) r.integer("next", 2, org.vsconsole.host.config.HostGrammar.MAX_XID));
            return null;
        });
        add("configPutBack", Set.of("guest", "planned"), (r, c) -> config.putBack(name(r), ConfigWireFormat.planned(r, "planned")));
        add("start", Set.of("guest"), (r, c) -> {
            driver.start(guest(r));
            return null;
        });
        add("stop", Set.of("guest", "timeoutMs"), (r, c) -> {
            driver.stop(guest(r), r.millis("timeoutMs"));
            return null;
        });
        add("restart", Set.of("guest", "timeoutMs"), (r, c) -> {
            driver.restart(guest(r), r.millis("timeoutMs"));
            return null;
        });
        add("isRunning", Set.of("guest"), (r, c) -> driver.isRunning(guest(r)));
        add("figures", Set.of("guests"), (r, c) -> List.copyOf(driver.figures(guests.specs(r, "guests")).values()));
        add("otherContexts", Set.of("guests"), (r, c) -> List.copyOf(driver.otherContexts(guests.specs(r, "guests")).values()));
        add("contextDetails", Set.of("guest"), (r, c) -> driver.contextDetails(guest(r)).orElse(null));
        add("dynamicContext", Set.of("guest"), (r, c) -> {
            var dynamic = driver.dynamicContext(guest(r).configDir());
            return dynamic.isPresent() ? dynamic.getAsInt() : null;
        });
        add("exec", Set.of("guest", "argv", "timeoutMs"), (r, c) -> {
            GuestSpec guest = guest(r);
            List<String> argv = r.texts("argv", ARG, "at most 4096 characters, no NUL", 256, 4096);
            if (argv.isEmpty()) {
                throw new InvalidInputException("argv", "must name the program to run");
            }
            return driver.exec(guest, argv, c::line, r.millis("timeoutMs"));
        });
        add("processes", Set.of("guest"), (r, c) -> driver.processes(guest(r)));
        add("kill", Set.of("guest", "pid", "signal"), (r, c) -> {
            driver.kill(guest(r), (int) r.integer("pid", 1, MAX_PID), (int) r.integer("signal", 1, 64));
            return null;
        });
        add("setLimitLive", Set.of("guest", "limit", "soft", "hard"), (r, c) -> {
            GuestSpec guest = guest(r);
            KnownLimit limit = limit(r);
            driver.setLimitLive(guest, limit.fileName(), values(r, limit));
            return null;
        });
        add("liveAtStart", Set.of("limit", "soft", "hard"), (r, c) -> {
            KnownLimit limit = limit(r);
            return driver.liveAtStart(limit.fileName(), r.has("soft") || r.has("hard") ? values(r, limit) : null);
        });
        add("remountTmp", Set.of("guest", "size"), (r, c) -> {
            GuestSpec guest = guest(r);
            driver.remountTmp(guest, r.text("size", TMP_SIZE, "a tmpfs size such as 64m", 17));
            return null;
        });
        add("buildRoot", Set.of("guest", "request"), (r, c) -> {
            if (driver.buildMakesConfigDirectory()) {
                throw new InvalidInputException("op", "the " + driver.name() + " driver builds a guest before its config"
                        + " exists, which the agent cannot check yet");
            }
            GuestSpec guest = guest(r);
            guests.requireOwnRoot(guest);
            driver.buildRoot(guest, builds.request(r.object("request"), guest.name()), BuildProgress.of(c::line, c::percent, c::cancelled));
            return null;
        });
        add("terminalOpen", Set.of("guest", "cols", "rows"), (r, c) -> {
            GuestSpec guest = guest(r);
            TerminalSize size = size(r);
            try (TerminalSession terminal = driver.openTerminal(guest, size)) {
                c.terminals().put(r.id(), terminal);
                c.opened();
                byte[] buffer = new byte[8192];
                int n;
                while (!c.cancelled() && (n = terminal.read(buffer)) >= 0) {
                    if (n > 0) {
                        c.data(java.util.Arrays.copyOf(buffer, n));
                    }
                }
            } catch (java.io.IOException e) {
                throw new HostOperationException("terminal", guest.name(), org.vsconsole.base.Formats.reason(e), e);
            } finally {
                c.terminals().remove(r.id());
            }
            return null;
        });
        add("terminalInput", Set.of("target", "data"), (r, c) -> {
            byte[] bytes = r.base64("data", 48 * 1024);
            try {
                terminal(r, c).write(bytes);
            } catch (java.io.IOException e) {
                throw new HostOperationException("terminal", null, org.vsconsole.base.Formats.reason(e), e);
            }
            return null;
        });
        add("terminalResize", Set.of("target", "cols", "rows"), (r, c) -> {
            terminal(r, c).resize(size(r));
            return null;
        });
        add("diskUsage", Set.of("guest", "boundMs", "note"), (r, c) -> {
            String note = r.optionalLine("note", 500);
            return driver.diskUsage(guest(r), r.millis("boundMs"), note == null ? "measured by walking the guest root" : note);
        });
        add("deleteRoot", Set.of("guest"), (r, c) -> {
            GuestSpec guest = guest(r);
            guests.requireOwnRoot(guest);
            driver.deleteRoot(guest);
            return null;
        });
        add("space", Set.of(), (r, c) -> guests.freeBytes());
        add("treeExport", Set.of("guest", "pass"), (r, c) -> {
            GuestSpec guest = guest(r);
            guests.requireOwnRoot(guest);
            try (TreeTransfer.Export export = new TreeTransfer.Export(driver.exportTree(guest, pass(r)))) {
                c.transfers().put(r.id(), export);
                c.opened();
                if (!export.awaitEnd(c::cancelled)) {
                    throw new HostOperationException("export", guest.name(), "the copy was stopped");
                }
                return export.sent();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HostOperationException("export", guest.name(), "interrupted");
            } finally {
                c.transfers().remove(r.id());
            }
        });
        add("treeRead", Set.of("target"), (r, c) -> {
            try {
                TreeTransfer.Export.Chunk chunk = transfer(r, c, TreeTransfer.Export.class).read();
                // a byte[] goes out through the JSON writer's own base64, without a per-character escaping check
                return Map.of("data", chunk.data(), "end", chunk.last());
            } catch (java.io.IOException e) {
                throw new HostOperationException("export", null, org.vsconsole.base.Formats.reason(e), e);
            }
        });
        add("treeImport", Set.of("guest", "bytes", "pass"), (r, c) -> {
            GuestSpec guest = guest(r);
            guests.requireOwnRoot(guest);
            TreePass pass = pass(r);
            long bytes = r.integer("bytes", 0, MAX_TREE_BYTES);
            long free = guests.freeBytes();
            if (free < TreeSpace.needed(bytes)) {
                throw new InvalidInputException("bytes", TreeSpace.shortOf(bytes, free));
            }
            try (TreeTransfer.Import in = new TreeTransfer.Import()) {
                c.transfers().put(r.id(), in);
                c.opened();
                return driver.importTree(guest, in.input(), pass, c::cancelled, n -> {
                });
            } finally {
                c.transfers().remove(r.id());
            }
        });
        add("treeWrite", Set.of("target", "data"), (r, c) -> {
            byte[] bytes = r.base64("data", TreeTransfer.CHUNK);
            try {
                transfer(r, c, TreeTransfer.Import.class).write(bytes);
            } catch (java.io.IOException e) {
                throw new HostOperationException("import", null, org.vsconsole.base.Formats.reason(e), e);
            }
            return null;
        });
        add("treeEnd", Set.of("target"), (r, c) -> {
            try {
                transfer(r, c, TreeTransfer.Import.class).end();
            } catch (java.io.IOException e) {
                throw new HostOperationException("import", null, org.vsconsole.base.Formats.reason(e), e);
            }
            return null;
        });
        add("diskQuota", Set.of("guest"), (r, c) -> driver.diskQuota(guest(r)));
        add("applyDiskQuota", Set.of("guest"), (r, c) -> driver.applyDiskQuota(guest(r)));
    }

    /** Runs the request's operation; refuses one not on the list, or a field it does not take. */
    @Nullable
    Object run(AgentRequest request, AgentCall call) {
        Operation operation = operations.get(request.op());
        if (operation == null) {
            throw new InvalidInputException("op", "'" + request.op() + "' is not an operation of this agent");
        }
        return operation.run(request, call);
    }

    Set<String> names() {
        return operations.keySet();
    }

    String driverName() {
        return driver.name();
    }

    private void add(String name, Set<String> fields, Operation operation) {
        operations.put(name, (r, c) -> {
            r.allowOnly(fields);
            return operation.run(r, c);
        });
    }

    private static String name(AgentRequest r) {
        return r.text("guest", AgentGuests.NAME, AgentGuests.NAME_RULE, 63);
    }

    private static String digest(AgentRequest r) {
        return r.text("digest", ConfigWireFormat.DIGEST, ConfigWireFormat.DIGEST_RULE, 64);
    }

    private GuestSpec guest(AgentRequest r) {
        return guests.spec(r, "guest");
    }

    private static TerminalSize size(AgentRequest r) {
        return new TerminalSize((int) r.integer("cols", 2, TerminalSize.MAX_COLS), (int) r.integer("rows", 1, TerminalSize.MAX_ROWS));
    }

    private static TerminalSession terminal(AgentRequest r, AgentCall c) {
        TerminalSession terminal = c.terminals().get(r.integer("target", 1, AgentRequest.MAX_ID));
        if (terminal == null) {
            throw new InvalidInputException("target", "no terminal with this id is open on this connection");
        }
        return terminal;
    }

    /** Which pass of a tree's move; {@code whole} when not given. */
    private static TreePass pass(AgentRequest r) {
        String pass = r.optionalText("pass", PASS, "whole, first or final", 5);
        return pass == null ? TreePass.WHOLE : TreePass.of(pass);
    }

    private static <T extends TreeTransfer> T transfer(AgentRequest r, AgentCall c, Class<T> kind) {
        TreeTransfer transfer = c.transfers().get(r.integer("target", 1, AgentRequest.MAX_ID));
        if (!kind.isInstance(transfer)) {
            throw new InvalidInputException("target", "no " + (kind == TreeTransfer.Export.class ? "export" : "import")
                    + " with this id is open on this connection");
        }
        return kind.cast(transfer);
    }

    private static KnownLimit limit(AgentRequest r) {
        String name = r.text("limit", LIMIT, "a limit name such as nproc or rss", 16);
        try {
            return HostGrammar.limitName(name);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("limit", e.rule());
        }
    }

    private static LimitValues values(AgentRequest r, KnownLimit limit) {
        long soft = r.integer("soft", LimitValues.UNLIMITED, Long.MAX_VALUE);
        long hard = r.integer("hard", LimitValues.UNLIMITED, Long.MAX_VALUE);
        try {
            HostGrammar.limitValue(limit, soft);
            HostGrammar.limitValue(limit, hard);
            HostGrammar.softNotAboveHard(limit, soft, hard);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("soft", e.rule());
        }
        return new LimitValues(soft, hard);
    }
}

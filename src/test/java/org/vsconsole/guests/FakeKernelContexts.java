package org.vsconsole.guests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.vsconsole.host.BuildRequest;
import org.vsconsole.host.ContextFigures;
import org.vsconsole.host.ExecResult;
import org.vsconsole.host.GuestProcess;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.LimitValues;

/**
 * A test double of the host port that keeps contexts as the linux driver does: one per XID,
 * owned by the guest whose start made it. Another guest naming that XID is not running, cannot
 * start, and a stop of it is refused naming the guest inside, as the driver refuses it.
 *
 * <p>Each call is logged in order as {@code "<verb> <guest> <xid>"}. Starts of the guests in
 * {@link #failStartsOf} fail as a guest with a broken init would. No process is started.
 */
public class FakeKernelContexts implements HostDriver {

    public static final FakeKernelContexts INSTANCE = new FakeKernelContexts();

    /** Running contexts by XID, with the guest whose start made each. */
    private final Map<Integer, String> contexts = new ConcurrentHashMap<>();
    private final Set<String> failingStarts = ConcurrentHashMap.newKeySet();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    /** Each read of the figures is a second later, so successive snapshots differ as real ones do. */
    private final java.util.concurrent.atomic.AtomicLong reads = new java.util.concurrent.atomic.AtomicLong();

    /** The guest whose start made context {@code xid}, if it runs. */
    public Optional<String> inside(int xid) {
        return Optional.ofNullable(contexts.get(xid));
    }

    public void failStartsOf(String guest) {
        failingStarts.add(guest);
    }

    /** Calls that concern {@code guest}, oldest first, e.g. {@code start web1 4242}. */
    public List<String> callsFor(String guest) {
        synchronized (calls) {
            return calls.stream().filter(c -> c.split(" ")[1].equals(guest)).toList();
        }
    }

    /** Every call with this verb, oldest first. */
    public List<String> calls(String verb) {
        synchronized (calls) {
            return calls.stream().filter(c -> c.startsWith(verb + " ")).toList();
        }
    }

    @Override
    public String name() {
        return "fake-contexts";
    }

    @Override
    public Optional<String> readOnlyReason() {
        return Optional.empty();
    }

    @Override
    public void start(GuestSpec guest) {
        log("start", guest);
        if (failingStarts.contains(guest.name())) {
            throw new HostOperationException("start", guest.name(), "the guest's init exited with status 1");
        }
        String inside = contexts.putIfAbsent(guest.xid(), guest.name());
        if (inside != null) {
            throw new HostOperationException("start", guest.name(), inside.equals(guest.name())
                    ? "guest is already running"
                    : "context " + guest.xid() + " is in use by the running guest " + inside);
        }
    }

    @Override
    public void stop(GuestSpec guest, Duration timeout) {
        log("stop", guest);
        String inside = contexts.get(guest.xid());
        if (inside != null && !inside.equals(guest.name())) {
            throw new HostOperationException("stop", guest.name(),
                    "context " + guest.xid() + " is in use by the running guest " + inside);
        }
        contexts.remove(guest.xid());
    }

    @Override
    public boolean isRunning(GuestSpec guest) {
        return guest.name().equals(contexts.get(guest.xid()));
    }

    @Override
    public Map<Integer, ContextFigures> figures(List<GuestSpec> guests) {
        Map<Integer, ContextFigures> out = new HashMap<>();
        long uptimeMs = 60_000 + 1_000 * reads.incrementAndGet();
        for (GuestSpec g : guests) {
            if (contexts.containsKey(g.xid())) {
                out.put(g.xid(), new ContextFigures(g.xid(), 3, 3, 3L << 20, 1L << 20, 10, 5, uptimeMs, Map.of()));
            }
        }
        return out;
    }

    @Override
    public ExecResult exec(GuestSpec guest, List<String> argv, Consumer<String> output, Duration timeout) {
        log("exec", guest);
        return new ExecResult(0, false);
    }

    @Override
    public List<GuestProcess> processes(GuestSpec guest) {
        String inside = contexts.get(guest.xid());
        // what vps shows: the context's processes, whoever's tree they came from
        return inside == null
                ? List.of()
                : List.of(new GuestProcess(10_000 + guest.xid(), 1, "root", 3L << 20, 1L << 20, 15, 0, "init of " + inside));
    }

    @Override
    public void kill(GuestSpec guest, int pid, int signal) {
        calls.add("kill " + guest.name() + " " + guest.xid() + " pid " + pid + " signal " + signal);
    }

    @Override
    public void setLimitLive(GuestSpec guest, String limitName, LimitValues values) {
        log("setLimitLive", guest);
    }

    @Override
    public void remountTmp(GuestSpec guest, String size) {
        log("remountTmp", guest);
    }

    @Override
    public void buildRoot(GuestSpec guest, BuildRequest request, org.vsconsole.host.BuildProgress log) {
        log("buildRoot", guest);
    }

    @Override
    public void deleteRoot(GuestSpec guest) {
        log("deleteRoot", guest);
        // the tree goes, as with every real driver (through the production remover)
        if (guest.rootDir() != null && java.nio.file.Files.isDirectory(guest.rootDir())) {
            try {
                org.vsconsole.host.TreeRemover.ofThisProcess().remove(guest.rootDir());
            } catch (java.io.IOException e) {
                throw new HostOperationException("delete root", guest.name(), e.getMessage(), e);
            }
        }
    }

    private void log(String verb, GuestSpec guest) {
        calls.add(verb + " " + guest.name() + " " + guest.xid());
    }
}

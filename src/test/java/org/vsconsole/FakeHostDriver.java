package org.vsconsole;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.vsconsole.host.BuildProgress;
import org.vsconsole.host.BuildRequest;
import org.vsconsole.host.ContextFigures;
import org.vsconsole.host.ContextFigures.LimitFigure;
import org.vsconsole.host.DiskQuotaState;
import org.vsconsole.host.ExecResult;
import org.vsconsole.host.GuestProcess;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.LimitValues;
import org.vsconsole.limits.LimitUnits;

/**
 * The host driver of every Spring test ({@link FakeHostDriverInitializer} puts it in place of the
 * real one): a fake that starts no process and changes nothing on the host, records each call and
 * keeps contexts as the kernel does, one per XID (reference §1.3: {@code context} is the static
 * xid). A context belongs to the guest whose start made it; another guest naming that XID is not
 * running, cannot start, and a stop of it is refused naming the guest inside. Live limits belong
 * to the context and go with it.
 *
 * <p>Each call is one line {@code "<verb> <guest> <what it was given>"}: the context for
 * {@code start web1 4242}, {@code stop}, {@code exec}, {@code buildRoot} and {@code deleteRoot};
 * {@code kill web1 4242 pid 14242 signal 15}; the values for {@code setLimitLive web1 nproc
 * 100/120}, {@code remountTmp web1 64m} and {@code applyDiskQuota web1 2048KiB/100}. The suite
 * shares one instance, so tests look only at their own guests' lines ({@link #callsFor}).
 */
public class FakeHostDriver implements HostDriver {

    /** Running contexts by XID, with the guest whose start made each. */
    private final Map<Integer, String> contexts = new ConcurrentHashMap<>();
    /** The XID each guest's config named when the driver last heard of it. */
    private final Map<String, Integer> xids = new ConcurrentHashMap<>();
    /** What the kernel reports per limit of a context, beyond "unlimited". */
    private final Map<Integer, Map<String, LimitFigure>> live = new ConcurrentHashMap<>();
    private final Set<String> failingStarts = ConcurrentHashMap.newKeySet();
    private final Map<String, String> diskQuotaRefusals = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch[]> heldLiveLimits = new ConcurrentHashMap<>();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    /** Each read of the figures is a second later, so successive snapshots differ as real ones do. */
    private final AtomicLong reads = new AtomicLong();
    /** The config tree, to learn the context a guest names before the console has asked about it. */
    private final Supplier<Path> configRoot;

    public FakeHostDriver(Supplier<Path> configRoot) {
        this.configRoot = configRoot;
    }

    /**
     * Makes {@code guest}'s context {@code xid} exist (or end) as if it had been started (stopped)
     * outside the console; nothing is recorded as a call.
     */
    public void setRunning(String guest, int xid, boolean on) {
        xids.put(guest, xid);
        if (on) {
            String inside = contexts.putIfAbsent(xid, guest);
            if (inside != null && !inside.equals(guest)) {
                throw new IllegalStateException("context " + xid + " already runs guest " + inside);
            }
            live.computeIfAbsent(xid, x -> new ConcurrentHashMap<>());
        } else {
            endContextsOf(guest);
        }
    }

    /** As {@link #setRunning(String, int, boolean)}, with the context the guest's config names. */
    public void setRunning(String guest, boolean on) {
        if (on) {
            setRunning(guest, xidOf(guest), true);
        } else {
            endContextsOf(guest);
        }
    }

    /** Sets what the kernel reports for one limit of the guest's context. */
    public void setFigure(String guest, String limit, LimitFigure figure) {
        live.computeIfAbsent(xidOf(guest), x -> new ConcurrentHashMap<>()).put(limit, figure);
    }

    /** The guest whose start made context {@code xid}, if it runs. */
    public Optional<String> inside(int xid) {
        return Optional.ofNullable(contexts.get(xid));
    }

    /** Makes every start of {@code guest} fail as a guest with a broken init would. */
    public void failStartsOf(String guest) {
        failingStarts.add(guest);
    }

    /**
     * Makes the next disk quota applications of {@code guest} fail with {@code message}, as the
     * linux driver does when a host that can enforce refuses; null ends it.
     */
    public void refuseDiskQuota(String guest, String message) {
        if (message == null) {
            diskQuotaRefusals.remove(guest);
        } else {
            diskQuotaRefusals.put(guest, message);
        }
    }

    /**
     * Makes the next live limit change of {@code guest} count down {@code entered} and then wait
     * for {@code release}: an action caught in the middle, to see what runs beside it.
     */
    public void holdNextLiveLimit(String guest, CountDownLatch entered, CountDownLatch release) {
        heldLiveLimits.put(guest, new CountDownLatch[]{entered, release});
    }

    /** Calls that concern {@code guest}, oldest first. */
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
        return "fake";
    }

    @Override
    public Optional<String> readOnlyReason() {
        return Optional.empty();
    }

    @Override
    public void start(GuestSpec guest) {
        record("start", guest, guest.xid());
        if (failingStarts.contains(guest.name())) {
            throw new HostOperationException("start", guest.name(), "the guest's init exited with status 1");
        }
        String inside = contexts.putIfAbsent(guest.xid(), guest.name());
        if (inside != null) {
            throw new HostOperationException("start", guest.name(), inside.equals(guest.name())
                    ? "guest is already running"
                    : "context " + guest.xid() + " is in use by the running guest " + inside);
        }
        live.computeIfAbsent(guest.xid(), x -> new ConcurrentHashMap<>());
    }

    @Override
    public void stop(GuestSpec guest, Duration timeout) {
        record("stop", guest, guest.xid());
        String inside = contexts.get(guest.xid());
        if (inside != null && !inside.equals(guest.name())) {
            throw new HostOperationException("stop", guest.name(),
                    "context " + guest.xid() + " is in use by the running guest " + inside);
        }
        if (contexts.remove(guest.xid()) != null) {
            live.remove(guest.xid());
        }
    }

    @Override
    public boolean isRunning(GuestSpec guest) {
        seen(guest);
        return guest.name().equals(contexts.get(guest.xid()));
    }

    /** Figures by XID, as {@code /proc/virtual/<xid>} gives them: a copy naming a running XID sees that context. */
    @Override
    public Map<Integer, ContextFigures> figures(List<GuestSpec> guests) {
        Map<Integer, ContextFigures> out = new HashMap<>();
        long uptimeMs = 60_000 + 1_000 * reads.incrementAndGet();
        for (GuestSpec g : guests) {
            seen(g);
            if (contexts.containsKey(g.xid())) {
                Map<String, LimitFigure> limits = new HashMap<>();
                // unset limits are unlimited, as on a fresh context
                for (String n : LimitUnits.displayOrder()) {
                    limits.put(n, new LimitFigure(0, 0, 0, LimitValues.UNLIMITED, LimitValues.UNLIMITED, 0));
                }
                limits.putAll(live.getOrDefault(g.xid(), Map.of()));
                out.put(g.xid(), new ContextFigures(g.xid(), 3, 3, 3L << 20, 1L << 20, 10, 5, uptimeMs, limits));
            }
        }
        return out;
    }

    @Override
    public ExecResult exec(GuestSpec guest, List<String> argv, Consumer<String> output, Duration timeout) {
        record("exec", guest, guest.xid());
        return new ExecResult(0, false);
    }

    /** What {@code vps} shows: the context's processes, whoever's tree they came from. */
    @Override
    public List<GuestProcess> processes(GuestSpec guest) {
        String inside = contexts.get(guest.xid());
        return inside == null
                ? List.of()
                : List.of(new GuestProcess(10_000 + guest.xid(), 1, "root", 3L << 20, 1L << 20, 15, 0, "init of " + inside));
    }

    @Override
    public void kill(GuestSpec guest, int pid, int signal) {
        record("kill", guest, guest.xid() + " pid " + pid + " signal " + signal);
    }

    @Override
    public void setLimitLive(GuestSpec guest, String limitName, LimitValues values) {
        record("setLimitLive", guest, limitName + " " + LimitUnits.text(values.soft()) + "/" + LimitUnits.text(values.hard()));
        CountDownLatch[] hold = heldLiveLimits.remove(guest.name());
        if (hold != null) {
            hold[0].countDown();
            try {
                hold[1].await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Map<String, LimitFigure> limits = live.get(guest.xid());
        if (limits == null) {
            // the context ended meanwhile (a test stopped it while the change was held): nothing to set
            return;
        }
        LimitFigure old = limits.get(limitName);
        long cur = old == null ? 0 : old.current();
        long max = old == null ? 0 : old.max();
        long hits = old == null ? 0 : old.hits();
        limits.put(limitName, new LimitFigure(cur, 0, max, values.soft(), values.hard(), hits));
    }

    @Override
    public void remountTmp(GuestSpec guest, String size) {
        record("remountTmp", guest, size);
    }

    @Override
    public void buildRoot(GuestSpec guest, BuildRequest request, BuildProgress progress) {
        record("buildRoot", guest, guest.xid());
    }

    @Override
    public void deleteRoot(GuestSpec guest) {
        record("deleteRoot", guest, guest.xid());
        // the tree goes, as with every real driver (through the production remover)
        if (guest.rootDir() != null && java.nio.file.Files.isDirectory(guest.rootDir())) {
            try {
                org.vsconsole.host.TreeRemover.ofThisProcess().remove(guest.rootDir());
            } catch (java.io.IOException e) {
                throw new org.vsconsole.host.HostOperationException("delete root", guest.name(), e.getMessage(), e);
            }
        }
    }

    /** Enforced, with a kernel count of 300 KiB and 5 inodes, whenever the guest has a root disk limit. */
    @Override
    public DiskQuotaState diskQuota(GuestSpec guest) {
        GuestSpec.DiskQuota limit = guest.diskLimit();
        if (limit == null) {
            return DiskQuotaState.notEnforced("no disk limit set");
        }
        return new DiskQuotaState(true, "fake project quota " + guest.xid(), 300, 5, limit.spaceKiB(), limit.inodes());
    }

    @Override
    public DiskQuotaState applyDiskQuota(GuestSpec guest) {
        GuestSpec.DiskQuota limit = guest.diskLimit();
        record("applyDiskQuota", guest, limit == null ? "none" : limit.spaceKiB() + "KiB/" + limit.inodes());
        String refusal = diskQuotaRefusals.get(guest.name());
        if (refusal != null) {
            throw new HostOperationException("disk-quota", guest.name(), refusal);
        }
        return diskQuota(guest);
    }

    private void record(String verb, GuestSpec guest, Object given) {
        seen(guest);
        calls.add(verb + " " + guest.name() + " " + given);
    }

    private void seen(GuestSpec guest) {
        xids.put(guest.name(), guest.xid());
    }

    /** The context the guest's config names ({@code context}, reference §1.3), or the one last seen. */
    private int xidOf(String guest) {
        Path context = configRoot.get().resolve(guest).resolve("context");
        try {
            if (Files.isRegularFile(context, LinkOption.NOFOLLOW_LINKS)) {
                return Integer.parseInt(Files.readAllLines(context).getFirst().strip());
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the context of guest " + guest + ": " + e.getMessage(), e);
        }
        Integer xid = xids.get(guest);
        if (xid == null) {
            throw new IllegalStateException("guest " + guest + " has no config yet; name its context");
        }
        return xid;
    }

    private void endContextsOf(String guest) {
        contexts.entrySet().removeIf(e -> {
            boolean his = e.getValue().equals(guest);
            if (his) {
                live.remove(e.getKey());
            }
            return his;
        });
    }
}

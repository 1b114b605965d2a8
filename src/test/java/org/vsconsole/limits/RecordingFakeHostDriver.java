package org.vsconsole.limits;

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
import org.vsconsole.host.ContextFigures.LimitFigure;
import org.vsconsole.host.DiskQuotaState;
import org.vsconsole.host.ExecResult;
import org.vsconsole.host.GuestProcess;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.LimitValues;

/**
 * A test double of the host port: guests "run" when a test says so, live limits are kept in
 * memory and reported back by {@link #figures}, and every changing call is recorded as a line such
 * as {@code setLimitLive web1 nproc 100/120}. No process is started, nothing on the host changes.
 */
public class RecordingFakeHostDriver implements HostDriver {

    public static final RecordingFakeHostDriver INSTANCE = new RecordingFakeHostDriver();

    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Map<String, Map<String, LimitFigure>> live = new ConcurrentHashMap<>();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> diskQuotaRefusals = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.CountDownLatch[]> heldLiveLimits = new ConcurrentHashMap<>();

    public void setRunning(String guest, boolean on) {
        if (on) {
            running.add(guest);
            live.computeIfAbsent(guest, g -> new ConcurrentHashMap<>());
        } else {
            running.remove(guest);
            live.remove(guest);
        }
    }

    /** Sets what the kernel would report for one limit of a running guest. */
    public void setFigure(String guest, String limit, LimitFigure figure) {
        live.computeIfAbsent(guest, g -> new ConcurrentHashMap<>()).put(limit, figure);
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
    public void holdNextLiveLimit(String guest, java.util.concurrent.CountDownLatch entered,
            java.util.concurrent.CountDownLatch release) {
        heldLiveLimits.put(guest, new java.util.concurrent.CountDownLatch[]{entered, release});
    }

    /** Calls that concern {@code guest}, oldest first. */
    public List<String> callsFor(String guest) {
        synchronized (calls) {
            return calls.stream().filter(c -> c.split(" ")[1].equals(guest)).toList();
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
        calls.add("start " + guest.name());
        setRunning(guest.name(), true);
    }

    @Override
    public void stop(GuestSpec guest, Duration timeout) {
        calls.add("stop " + guest.name());
        setRunning(guest.name(), false);
    }

    @Override
    public boolean isRunning(GuestSpec guest) {
        return running.contains(guest.name());
    }

    @Override
    public Map<Integer, ContextFigures> figures(List<GuestSpec> guests) {
        Map<Integer, ContextFigures> out = new HashMap<>();
        for (GuestSpec g : guests) {
            if (running.contains(g.name())) {
                Map<String, LimitFigure> limits = new HashMap<>();
                // Unset limits are unlimited, as on a fresh context.
                for (String n : LimitUnits.displayOrder()) {
                    limits.put(n, new LimitFigure(0, 0, 0, LimitValues.UNLIMITED, LimitValues.UNLIMITED, 0));
                }
                limits.putAll(live.getOrDefault(g.name(), Map.of()));
                out.put(g.xid(), new ContextFigures(g.xid(), 3, 3, 0, 0, 0, 0, 1000, limits));
            }
        }
        return out;
    }

    @Override
    public ExecResult exec(GuestSpec guest, List<String> argv, Consumer<String> output, Duration timeout) {
        throw new UnsupportedOperationException("not in the limits tests");
    }

    @Override
    public List<GuestProcess> processes(GuestSpec guest) {
        return List.of();
    }

    @Override
    public void kill(GuestSpec guest, int pid, int signal) {
        calls.add("kill " + guest.name() + " " + pid + " " + signal);
    }

    @Override
    public void setLimitLive(GuestSpec guest, String limitName, LimitValues values) {
        calls.add("setLimitLive " + guest.name() + " " + limitName + " " + LimitUnits.text(values.soft()) + "/"
                + LimitUnits.text(values.hard()));
        java.util.concurrent.CountDownLatch[] hold = heldLiveLimits.remove(guest.name());
        if (hold != null) {
            hold[0].countDown();
            try {
                hold[1].await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LimitFigure old = live.computeIfAbsent(guest.name(), g -> new ConcurrentHashMap<>()).get(limitName);
        long cur = old == null ? 0 : old.current();
        long max = old == null ? 0 : old.max();
        long hits = old == null ? 0 : old.hits();
        live.get(guest.name()).put(limitName, new LimitFigure(cur, 0, max, values.soft(), values.hard(), hits));
    }

    @Override
    public void remountTmp(GuestSpec guest, String size) {
        calls.add("remountTmp " + guest.name() + " " + size);
    }

    @Override
    public void buildRoot(GuestSpec guest, BuildRequest request, org.vsconsole.host.BuildProgress log) {
        calls.add("buildRoot " + guest.name());
    }

    @Override
    public void deleteRoot(GuestSpec guest) {
        calls.add("deleteRoot " + guest.name());
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
        calls.add("applyDiskQuota " + guest.name() + " " + (limit == null ? "none" : limit.spaceKiB() + "KiB/" + limit.inodes()));
        String refusal = diskQuotaRefusals.get(guest.name());
        if (refusal != null) {
            throw new HostOperationException("disk-quota", guest.name(), refusal);
        }
        return diskQuota(guest);
    }
}

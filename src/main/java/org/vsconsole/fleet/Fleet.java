package org.vsconsole.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;
import org.vsconsole.base.ConsoleProperties;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.HostFacts;
import org.vsconsole.host.HostLoad;
import org.vsconsole.host.agent.AgentHostDriver;
import org.vsconsole.host.agent.HostGuest;
import org.vsconsole.host.agent.SshIdentity;
import org.vsconsole.monitoring.GuestLive;
import org.vsconsole.monitoring.HostFigures;
import org.vsconsole.monitoring.HostSnapshot;
import org.vsconsole.monitoring.Sampler;

/**
 * Every host the console runs: its own (from the sampler it already has) and each managed host,
 * looked at every {@code vsconsole.fleet.poll} on a thread of its own so one slow or dead host
 * never holds up another or a page. Pages read the last look; they never wait on the network.
 */
@Service
public class Fleet implements SmartLifecycle {

    private final ManagedHostRepository repository;
    private final FleetProperties properties;
    private final HostDriver localDriver;
    private final Sampler sampler;
    private final RemoteGuestChanges changes;
    private final Clock clock;
    private final java.nio.file.Path identityFile;
    private final Map<String, RemoteHost> remotes = new ConcurrentSkipListMap<>();
    private @Nullable SshIdentity identity;
    private @Nullable HostFacts localFacts;
    private @Nullable ScheduledExecutorService ticker;
    private @Nullable ExecutorService lookers;

    Fleet(ManagedHostRepository repository, FleetProperties properties, ConsoleProperties console, HostDriver localDriver,
            Sampler sampler, RemoteGuestChanges changes) {
        this.repository = repository;
        this.changes = changes;
        this.properties = properties;
        this.localDriver = localDriver;
        this.sampler = sampler;
        this.clock = Clock.systemUTC();
        this.identityFile = console.dataDir().resolve("ssh/id_ecdsa");
    }

    /** The console's own key pair, made at first use; its private half never leaves the data directory. */
    synchronized SshIdentity identity() {
        SshIdentity current = identity;
        if (current == null) {
            try {
                current = SshIdentity.loadOrCreate(identityFile);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read or make the console's SSH key " + identityFile, e);
            }
            identity = current;
        }
        return current;
    }

    /** The line to add to {@code ~user/.ssh/authorized_keys} on a host: the console's key may only start the agent. */
    public String authorizedKeysLine() {
        return identity().authorizedKeysLine(properties.agentCommand());
    }

    /** This host first, then the managed hosts by name. */
    public List<HostStatus> statuses() {
        List<HostStatus> all = new ArrayList<>();
        all.add(local());
        remotes.values().forEach(r -> all.add(r.status()));
        return all;
    }

    public Optional<HostStatus> status(String name) {
        if (name.equals(HostFields.LOCAL)) {
            return Optional.of(local());
        }
        return Optional.ofNullable(remotes.get(name)).map(RemoteHost::status);
    }

    /** The agent of managed host {@code name}; the caller has checked it exists. */
    AgentHostDriver agent(String name) {
        RemoteHost remote = remotes.get(name);
        if (remote == null) {
            throw new org.vsconsole.base.InvalidInputException("host", "no managed host '" + name + "'");
        }
        return remote.driver();
    }

    /** Looks at {@code name} again now, on the caller's thread: after an action, so its page shows the effect. */
    void lookAgain(String name) {
        RemoteHost remote = remotes.get(name);
        if (remote != null) {
            remote.look();
        }
    }

    void connect(ManagedHost host) {
        RemoteHost remote = new RemoteHost(host, identity(), properties.timeout(), clock,
                guests -> changes.listed(host.name(), guests));
        RemoteHost before = remotes.put(host.name(), remote);
        if (before != null) {
            before.close();
        }
        ExecutorService pool = lookers;
        if (pool != null) {
            pool.submit(remote::look);
        }
    }

    /** The host is no longer managed: a host added later under its name may be another machine, so its owners go. */
    void disconnect(String name) {
        RemoteHost remote = remotes.remove(name);
        if (remote != null) {
            remote.close();
        }
        changes.forget(name);
    }

    private HostStatus local() {
        HostSnapshot snapshot = sampler.latest();
        HostFigures figures = snapshot.host();
        List<HostGuest> guests = snapshot.guests().values().stream()
                .map((GuestLive g) -> new HostGuest(g.name(), g.xid() == 0 ? null : g.xid(), g.running(),
                        g.conflict() == null ? null : g.conflict().reason(), g.figures()))
                .sorted(java.util.Comparator.comparing(HostGuest::name)).toList();
        HostLoad load = new HostLoad(figures.load1(), figures.memTotalBytes(), figures.memAvailableBytes(), figures.cores());
        String problem = localDriver.readOnlyReason().map(r -> "read-only: " + r).orElse(null);
        return new HostStatus(HostFields.LOCAL, true, "this host", problem, localDriver.name(), localFacts(), load, guests,
                snapshot.takenAt().equals(java.time.Instant.EPOCH) ? null : snapshot.takenAt());
    }

    private synchronized @Nullable HostFacts localFacts() {
        if (localFacts == null) {
            try {
                localFacts = localDriver.facts();
            } catch (RuntimeException e) {
                return null;
            }
        }
        return localFacts;
    }

    @Override
    public synchronized void start() {
        lookers = Executors.newVirtualThreadPerTaskExecutor();
        ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("fleet-poll").daemon().factory());
        repository.all().forEach(this::connect);
        long every = Math.max(1000, properties.poll().toMillis());
        ticker.scheduleWithFixedDelay(() -> {
            ExecutorService pool = lookers;
            if (pool != null) {
                remotes.values().forEach(r -> pool.submit(r::look));
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
        if (lookers != null) {
            lookers.shutdownNow();
            lookers = null;
        }
        remotes.values().forEach(RemoteHost::close);
        remotes.clear();
    }

    @Override
    public boolean isRunning() {
        return ticker != null;
    }

}

package org.vsconsole.fleet;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vsconsole.host.HostFacts;
import org.vsconsole.host.HostLoad;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.agent.AgentHostDriver;
import org.vsconsole.host.agent.HostGuest;
import org.vsconsole.host.agent.ReconnectBackoff;
import org.vsconsole.host.agent.SshAgentConnector;
import org.vsconsole.host.agent.SshIdentity;

/**
 * One managed host: its SSH connection to the agent there and what the last look found. The
 * first connection is retried with back-off like every later one, so a host that is down when the
 * console starts shows "unreachable: why" and comes back by itself.
 */
final class RemoteHost implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RemoteHost.class);

    private final ManagedHost host;
    private final SshAgentConnector connector;
    private final ReconnectBackoff firstConnection = new ReconnectBackoff(System::nanoTime);
    private final AtomicBoolean looking = new AtomicBoolean();
    private final Clock clock;
    private @Nullable AgentHostDriver driver;
    private volatile HostStatus status;
    private final Consumer<Set<String>> listed;
    private @Nullable HostFacts facts;
    private @Nullable Set<String> lastListed;

    /** {@code listed} hears the host's guest names whenever a look finds them changed (and at the first look). */
    RemoteHost(ManagedHost host, SshIdentity identity, Duration timeout, Clock clock, Consumer<Set<String>> listed) {
        this.host = host;
        this.clock = clock;
        this.listed = listed;
        this.connector = new SshAgentConnector(new SshAgentConnector.Target(host.address(), host.port(), host.user()),
                host.fingerprint(), identity, timeout);
        this.status = new HostStatus(host.name(), false, where(host), "not contacted yet", null, null, HostLoad.UNKNOWN,
                List.of(), null);
    }

    ManagedHost host() {
        return host;
    }

    HostStatus status() {
        return status;
    }

    /** Reads the host's state, load and guests; skipped while the previous look still waits on the network. */
    void look() {
        if (!looking.compareAndSet(false, true)) {
            return;
        }
        try {
            AgentHostDriver agent = driver();
            if (facts == null) {
                facts = agent.facts();
            }
            HostLoad load = agent.load();
            List<HostGuest> guests = agent.guests();
            if (!status.reachable()) {
                log.info("Host {}: reachable again", host.name());
            }
            status = new HostStatus(host.name(), false, where(host), null, agent.name(), facts, load, guests, clock.instant());
            tellListed(guests);
        } catch (RuntimeException e) {
            // whatever went wrong, the row says so and the next look tries again
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            String problem = why.startsWith("unreachable") ? why : "unreachable: " + why;
            if (status.reachable()) {
                log.warn("Host {}: {}", host.name(), problem);
            }
            // read the facts again once it answers: it may have come back with another kernel or engine
            facts = null;
            HostStatus last = status;
            status = new HostStatus(host.name(), false, where(host), problem, last.driver(), last.facts(), last.load(),
                    last.guests(), last.lastContact());
        } finally {
            looking.set(false);
        }
    }

    private void tellListed(List<HostGuest> guests) {
        Set<String> names = guests.stream().map(HostGuest::name).collect(Collectors.toUnmodifiableSet());
        if (names.equals(lastListed)) {
            return;
        }
        try {
            listed.accept(names);
            lastListed = names;
        } catch (RuntimeException e) {
            // the host is fine; what it listed is heard again at the next look
            log.warn("Host {}: its guest list could not be noted: {}", host.name(), e.getMessage());
        }
    }

    /** The agent there, connected now if it was not yet. */
    synchronized AgentHostDriver driver() {
        AgentHostDriver current = driver;
        if (current != null) {
            return current;
        }
        String refusal = firstConnection.refusal();
        if (refusal != null) {
            throw new HostOperationException("connect", null, refusal);
        }
        try {
            AgentHostDriver fresh = AgentHostDriver.overSsh(connector);
            firstConnection.succeeded();
            driver = fresh;
            return fresh;
        } catch (HostOperationException e) {
            firstConnection.failed(e.getMessage() == null ? "cannot reach the host agent" : e.getMessage());
            throw e;
        }
    }

    private static String where(ManagedHost host) {
        String address = host.address().contains(":") ? "[" + host.address() + "]" : host.address();
        return host.user() + "@" + address + ":" + host.port();
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException e) {
            log.debug("Host {}: close: {}", host.name(), e.getMessage());
        }
    }
}

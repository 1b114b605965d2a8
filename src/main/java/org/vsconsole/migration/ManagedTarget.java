package org.vsconsole.migration;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.vsconsole.fleet.HostAgents;
import org.vsconsole.host.TreePass;
import org.vsconsole.host.agent.AgentHostDriver;
import org.vsconsole.host.config.ConfigChange;
import org.vsconsole.host.config.GuestIdentity;
import org.vsconsole.host.config.HostGrammar;

/**
 * A managed host as the one a guest moves to, through its agent, which checks every change
 * against its own tree. The console announces its own make and removal there to the fleet's
 * look, so neither is logged as done by hand on that host.
 */
final class ManagedTarget implements MoveTarget {

    private final String host;
    private final String architecture;
    private final AgentHostDriver agent;
    private final HostAgents fleet;

    ManagedTarget(String host, String architecture, AgentHostDriver agent, HostAgents fleet) {
        this.host = host;
        this.architecture = architecture;
        this.agent = agent;
        this.fleet = fleet;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public Optional<String> readOnlyReason() {
        return agent.readOnlyReason();
    }

    @Override
    public String architecture() {
        return architecture;
    }

    @Override
    public List<GuestIdentity> guests() {
        return agent.guests().stream().map(g -> new GuestIdentity(g.name(), g.context(), java.util.Map.of())).toList();
    }

    @Override
    public long freeBytes() {
        return agent.freeBytes();
    }

    @Override
    public void create(String name, int context, String nodename) {
        fleet.expect(host, name);
        try {
            agent.createGuest(name, context, nodename);
        } catch (RuntimeException e) {
            fleet.unexpect(host, name);
            throw e;
        }
        fleet.lookAgain(host); // the look that sees it made takes the announcement
    }

    @Override
    public void apply(String name, ConfigChange change) {
        // the agent puts an address without a device on its own guest device
        agent.apply(name, agent.guestSettings(name).digest(), change);
    }

    @Override
    public long importTree(String name, InputStream archive, long bytes, TreePass pass, BooleanSupplier cancelled,
            LongConsumer progress) {
        return agent.importTree(name, archive, bytes, pass, cancelled, progress);
    }

    @Override
    public void start(String name) {
        agent.start(name);
    }

    @Override
    public boolean running(String name) {
        return agent.guests().stream().anyMatch(g -> g.name().equals(name) && g.running());
    }

    @Override
    public void stop(String name) {
        agent.stop(name, MoveSource.STOP_TIMEOUT);
    }

    @Override
    public void remove(String name) {
        if (agent.guests().stream().noneMatch(g -> g.name().equals(name))) {
            return;
        }
        fleet.expect(host, name); // removed by the console, not by hand there
        try {
            agent.deleteGuest(name);
        } catch (RuntimeException e) {
            fleet.unexpect(host, name);
            throw e;
        }
        fleet.lookAgain(host);
    }

    @Override
    public void settled() {
        fleet.lookAgain(host);
    }

    @Override
    public String ownedAs(String name) {
        return HostGrammar.guestOnHost(host, name);
    }
}

package org.vsconsole.migration;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.vsconsole.fleet.HostAgents;
import org.vsconsole.host.MovableGuest;
import org.vsconsole.host.TreePass;
import org.vsconsole.host.agent.AgentHostDriver;
import org.vsconsole.host.config.ConfigChange;
import org.vsconsole.host.config.HostGrammar;

/**
 * A managed host as the one a guest moves from, through its agent: the way off a Linux-VServer
 * host whose agent runs the vserver driver, onto a stock-kernel host. The agent reads the guest
 * from its own config, so the console only names it.
 */
final class ManagedSource implements MoveSource {

    private static final Duration MEASURE_BOUND = Duration.ofMinutes(2);

    private final String host;
    private final String architecture;
    private final AgentHostDriver agent;
    private final HostAgents fleet;

    ManagedSource(String host, String architecture, AgentHostDriver agent, HostAgents fleet) {
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
    public List<MigrationPlan.Blocker> problems(String guest) {
        return agent.readOnlyReason().isPresent() && running(guest)
                ? List.of(new MigrationPlan.Blocker("guest", host + " cannot stop " + guest + ": "
                        + agent.readOnlyReason().orElseThrow()))
                : List.of();
    }

    @Override
    public String architecture() {
        return architecture;
    }

    @Override
    public MovableGuest guest(String name) {
        return agent.guestToMove(name);
    }

    @Override
    public long treeBytes(String name) {
        return agent.diskUsage(name, MEASURE_BOUND, "measured for the move").spaceKiB() * 1024;
    }

    @Override
    public boolean running(String name) {
        return agent.isRunning(name);
    }

    @Override
    public InputStream export(String name, TreePass pass) {
        return agent.exportTree(name, pass);
    }

    @Override
    public void stop(String name) {
        agent.stop(name, STOP_TIMEOUT);
    }

    @Override
    public void start(String name) {
        agent.start(name);
    }

    @Override
    public void markMoved(String name) {
        agent.apply(name, agent.guestSettings(name).digest(), new ConfigChange.SetBootMark(false));
        agent.apply(name, agent.guestSettings(name).digest(), new ConfigChange.SetDisabled(true));
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

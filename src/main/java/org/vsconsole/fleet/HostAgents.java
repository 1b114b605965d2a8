package org.vsconsole.fleet;

import java.util.Optional;
import org.springframework.stereotype.Service;
import org.vsconsole.host.agent.AgentHostDriver;

/**
 * The managed hosts' agents for a feature that works across hosts (moving a guest), which checks
 * who may before it calls here: the agent of a host, its last look, a fresh look after a change,
 * and the announcement that the console itself is about to make or remove a guest there, so the
 * next look does not log it as done by hand.
 */
@Service
public class HostAgents {

    private final Fleet fleet;
    private final RemoteGuestChanges changes;

    HostAgents(Fleet fleet, RemoteGuestChanges changes) {
        this.fleet = fleet;
        this.changes = changes;
    }

    public Optional<HostStatus> status(String host) {
        return fleet.status(host);
    }

    /** The agent of managed host {@code host}; refused naming the field when there is none. */
    public AgentHostDriver agent(String host) {
        return fleet.agent(host);
    }

    public void lookAgain(String host) {
        fleet.lookAgain(host);
    }

    /** The console is about to make or delete {@code guest} on {@code host}. */
    public void expect(String host, String guest) {
        changes.expect(host, guest);
    }

    /** What {@link #expect} announced did not happen, or was undone. */
    public void unexpect(String host, String guest) {
        changes.unexpect(host, guest);
    }
}

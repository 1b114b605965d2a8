package org.vsconsole.migration;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.vsconsole.host.MovableGuest;
import org.vsconsole.host.TreePass;

/**
 * The host a guest moves from: this one through its driver and config writer, or a managed host
 * (a Linux-VServer host being emptied, say) through its agent. The move asks the same of both.
 */
interface MoveSource {

    Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /** The host's name as the registry knows it ({@code local} for this one). */
    String host();

    /** What stops a move from this host before the target is asked anything. */
    List<MigrationPlan.Blocker> problems(String guest);

    String architecture();

    MovableGuest guest(String name);

    long treeBytes(String name);

    boolean running(String name);

    InputStream export(String name, TreePass pass);

    void stop(String name);

    void start(String name);

    /** Disabled and without its boot mark, so a reboot of this host cannot run it twice; its files stay. */
    void markMoved(String name);

    /** After a change there: the fleet's next look, where it has one. */
    void settled();

    /** The guest as owners' rows name it: {@code name} here, {@code host/name} on a managed host. */
    String ownedAs(String name);
}

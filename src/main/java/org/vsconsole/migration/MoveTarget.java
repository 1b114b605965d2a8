package org.vsconsole.migration;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.vsconsole.host.TreePass;
import org.vsconsole.host.config.ConfigChange;
import org.vsconsole.host.config.GuestIdentity;

/**
 * The host a guest moves to: a managed host through its agent, or this one (a Linux-VServer
 * host's guest pulled onto the console's own stock-kernel host) through its driver and config
 * writer. Each checks what it is given against its own tree, as for a guest made there.
 */
interface MoveTarget {

    String host();

    Optional<String> readOnlyReason();

    String architecture();

    /** Every guest there, by name and context. */
    List<GuestIdentity> guests();

    long freeBytes();

    /** Makes the guest's config there, its root not yet; the console's own make, not one by hand. */
    void create(String name, int context, String nodename);

    /** One change to the guest's config there; an address without a device goes on that host's own guest device. */
    void apply(String name, ConfigChange change);

    long importTree(String name, InputStream archive, long bytes, TreePass pass, BooleanSupplier cancelled, LongConsumer progress);

    void start(String name);

    boolean running(String name);

    void stop(String name);

    /** Removes whatever of the guest is there, root and config; the console's own removal. */
    void remove(String name);

    /** After a change there: the fleet's next look, where it has one. */
    void settled();

    /** The guest as owners' rows name it there. */
    String ownedAs(String name);
}

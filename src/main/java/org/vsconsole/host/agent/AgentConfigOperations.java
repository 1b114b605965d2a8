package org.vsconsole.host.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.vsconsole.base.StateConflictException;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.LimitValues;
import org.vsconsole.host.config.ConfigChange;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.GuestConfigWriter;
import org.vsconsole.host.config.NewGuest;

/**
 * The config-tree writes the agent serves: for a console on another host (a new guest's config, a
 * limit, a whole guest's removal) and for the local web tier, which may read the tree but not
 * write it (every {@link ConfigChange}, create, delete, restore and put-back). Each goes through
 * the same writer (its grammar, its crash-safe writes, its checks of context, name and digest) the
 * console uses in one process, so a request is held to the rules of the tree it lands in,
 * whoever sent it.
 */
final class AgentConfigOperations {

    private final GuestConfigWriter writer;
    private final HostDriver driver;
    private final AgentGuests guests;

    AgentConfigOperations(GuestConfigWriter writer, HostDriver driver, AgentGuests guests) {
        this.writer = writer;
        this.driver = driver;
        this.guests = guests;
    }

    /** Writes a new guest's config directory, its root not built yet; the node name defaults to the guest's name. */
    HostGuest create(String name, int context, @Nullable String nodename) {
        GuestConfig created = io(() -> writer.createGuest(new NewGuest(name, context, nodename == null ? name : nodename, null,
                List.of(), null, false, Map.of())));
        return new HostGuest(created.name(), created.context(), false, null);
    }

    /** Saves a limit in {@code rlimits/} and, when the guest runs, applies it to the running context too. */
    boolean setLimit(GuestSpec guest, String limitFile, LimitValues values) {
        GuestConfig current = writer.reader().readGuest(guest.name());
        io(() -> writer.apply(current, new ConfigChange.SetLimits(Map.of(limitFile, values))));
        if (driver.isRunning(guest)) {
            driver.setLimitLive(guest, limitFile, values);
            return true;
        }
        return false;
    }

    /**
     * A change the local web tier made, which may not write the tree itself: held to the same
     * digest and rules as if it were made here. Returns the new digest.
     */
    String apply(String guest, String digest, ConfigChange change) {
        return io(() -> writer.apply(guest, digest, onOwnDevice(change))).digest();
    }

    /** An address sent without a device (a guest moved here from another host) goes on this host's guest device. */
    private ConfigChange onOwnDevice(ConfigChange change) {
        return change instanceof ConfigChange.AddInterface add
                ? driver.guestDevice().<ConfigChange>map(add::orOnDevice).orElse(change)
                : change;
    }

    /** A new guest's config directory, as the local web tier's wizard asked for it. Returns its digest. */
    String create(NewGuest spec) {
        return io(() -> writer.createGuest(spec)).digest();
    }

    /** The config directory of a guest that does not run, when it still has {@code digest}; its root is removed apart. */
    void deleteConfig(GuestSpec guest, String digest) {
        if (driver.isRunning(guest)) {
            throw new StateConflictException("guest", guest.name() + " is running; stop it first");
        }
        io(() -> {
            writer.deleteGuest(guest.name(), digest);
            return guest;
        });
    }

    /** The guest's tree put back to what an admin accepted; the agent checks each entry's path itself. */
    String restore(String guest, String digest, Map<String, org.vsconsole.host.config.AcceptedEntry> accepted) {
        return io(() -> writer.restore(guest, digest, accepted)).digest();
    }

    void setContextNext(int next) {
        io(() -> {
            writer.setContextNext(next);
            return next;
        });
    }

    /** An interrupted change undone, when no file was touched by anyone else since. */
    boolean putBack(String guest, List<org.vsconsole.host.config.PlannedFile> planned) {
        try {
            return writer.putBack(guest, planned) != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a stopped guest: its root, then its config directory. */
    void delete(GuestSpec guest) {
        if (driver.isRunning(guest)) {
            throw new StateConflictException("guest", guest.name() + " is running; stop it first");
        }
        guests.requireOwnRoot(guest);
        driver.deleteRoot(guest);
        io(() -> {
            writer.deleteGuest(guest.name(), writer.reader().readGuest(guest.name()).digest());
            return guest;
        });
    }

    private interface Write<T> {

        T run() throws IOException;
    }

    private static <T> T io(Write<T> write) {
        try {
            return write.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.vsconsole.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.vsconsole.base.ActionRefusedException;
import org.vsconsole.base.Formats;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.GuestSpecs;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.TreePass;
import org.vsconsole.host.TreeSpace;
import org.vsconsole.host.config.ConfigChange;
import org.vsconsole.host.config.GuestConfigWriter;
import org.vsconsole.host.config.GuestIdentity;
import org.vsconsole.host.config.HostGrammar;
import org.vsconsole.host.config.NewGuest;

/**
 * This host as the one a guest moves to: the way a Linux-VServer host's guest reaches the
 * console's own stock-kernel host. Its config is made by the console's writer (so sync knows it
 * as the console's own), its tree unpacked by the driver, whose start gives it its context's id
 * range.
 */
final class LocalTarget implements MoveTarget {

    private final HostDriver driver;
    private final GuestConfigWriter writer;
    private final Path guestsRoot;
    private final String defaultDevice;

    LocalTarget(HostDriver driver, GuestConfigWriter writer, Path guestsRoot, String defaultDevice) {
        this.driver = driver;
        this.writer = writer;
        this.guestsRoot = guestsRoot;
        this.defaultDevice = defaultDevice;
    }

    @Override
    public String host() {
        return HostGrammar.LOCAL_HOST;
    }

    @Override
    public Optional<String> readOnlyReason() {
        return driver.readOnlyReason();
    }

    @Override
    public String architecture() {
        return driver.facts().architecture();
    }

    @Override
    public List<GuestIdentity> guests() {
        return writer.reader().readIdentities();
    }

    @Override
    public long freeBytes() {
        return TreeSpace.freeBytes(guestsRoot);
    }

    @Override
    public void create(String name, int context, String nodename) {
        io(() -> writer.createGuest(new NewGuest(name, context, nodename, null, List.of(), null, false, Map.of())));
    }

    @Override
    public void apply(String name, ConfigChange change) {
        // the device the wizard would give a guest made here: the bridge on a stock kernel
        ConfigChange applied = change instanceof ConfigChange.AddInterface add
                ? add.orOnDevice(driver.guestDevice().orElse(defaultDevice))
                : change;
        io(() -> writer.apply(writer.reader().readGuest(name), applied));
    }

    @Override
    public long importTree(String name, InputStream archive, long bytes, TreePass pass, BooleanSupplier cancelled,
            LongConsumer progress) {
        return driver.importTree(spec(name), archive, pass, cancelled, progress);
    }

    @Override
    public void start(String name) {
        driver.start(spec(name));
    }

    @Override
    public boolean running(String name) {
        return driver.isRunning(spec(name));
    }

    @Override
    public void stop(String name) {
        driver.stop(spec(name), MoveSource.STOP_TIMEOUT);
    }

    @Override
    public void remove(String name) {
        if (!writer.reader().isGuest(name)) {
            return;
        }
        driver.deleteRoot(spec(name)); // a root never unpacked is nothing to remove
        io(() -> {
            writer.deleteGuest(name, writer.reader().readGuest(name).digest());
            return name;
        });
    }

    @Override
    public void settled() {
        // sync hears the writer's own changes; there is no look to ask for
    }

    @Override
    public String ownedAs(String name) {
        return name;
    }

    private GuestSpec spec(String name) {
        return GuestSpecs.from(writer.reader().readGuest(name), guestsRoot);
    }

    private interface IoStep<T> {

        T run() throws IOException;
    }

    private static <T> T io(IoStep<T> step) {
        try {
            return step.run();
        } catch (IOException e) {
            throw new ActionRefusedException("migration", Formats.reason(e));
        }
    }
}

package org.vsconsole.migration;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.vsconsole.base.ActionRefusedException;
import org.vsconsole.base.Formats;
import org.vsconsole.guests.GuestService;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.GuestSpecs;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.MovableGuest;
import org.vsconsole.host.TreePass;
import org.vsconsole.host.config.ConfigChange;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.GuestConfigWriter;
import org.vsconsole.host.config.HostGrammar;

/** This host as the one a guest moves from: its driver, its config tree, its sync state. */
final class LocalSource implements MoveSource {

    private static final Duration MEASURE_BOUND = Duration.ofMinutes(2);

    private final GuestService guests;
    private final HostDriver driver;
    private final GuestConfigWriter writer;
    private final java.nio.file.Path guestsRoot;

    LocalSource(GuestService guests, HostDriver driver, GuestConfigWriter writer, java.nio.file.Path guestsRoot) {
        this.guests = guests;
        this.driver = driver;
        this.writer = writer;
        this.guestsRoot = guestsRoot;
    }

    @Override
    public String host() {
        return HostGrammar.LOCAL_HOST;
    }

    @Override
    public List<MigrationPlan.Blocker> problems(String guest) {
        return guests.unmanaged(guest)
                ? List.of(new MigrationPlan.Blocker("guest", guest + " was made outside the console; adopt it first"))
                : List.of();
    }

    @Override
    public String architecture() {
        return driver.facts().architecture();
    }

    @Override
    public MovableGuest guest(String name) {
        return MovableGuest.of(guests.config(name), guestsRoot);
    }

    @Override
    public long treeBytes(String name) {
        return driver.diskUsage(spec(name), MEASURE_BOUND, "measured for the move").spaceKiB() * 1024;
    }

    @Override
    public boolean running(String name) {
        return driver.isRunning(spec(name));
    }

    @Override
    public InputStream export(String name, TreePass pass) {
        return driver.exportTree(spec(name), pass);
    }

    @Override
    public void stop(String name) {
        driver.stop(spec(name), STOP_TIMEOUT);
    }

    @Override
    public void start(String name) {
        driver.start(spec(name));
    }

    @Override
    public void markMoved(String name) {
        try {
            GuestConfig now = writer.apply(writer.reader().readGuest(name), new ConfigChange.SetBootMark(false));
            writer.apply(now, new ConfigChange.SetDisabled(true));
        } catch (IOException e) {
            throw new ActionRefusedException("migration", "cannot mark " + name + " moved here: " + Formats.reason(e));
        }
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
}

package org.vsconsole.sync;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vsconsole.host.GuestSpecs;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.HostProperties;
import org.vsconsole.host.RootOwnership;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.GuestConfigReader;
import org.vsconsole.host.config.GuestConfigWriter;
import org.jspecify.annotations.Nullable;

/**
 * Finishes a delete the console died in after it had passed its checks and begun removing (a
 * SIGKILL left a half-removed root tree and the config dir: a guest that can no longer start).
 * The user asked for the guest to go, so it goes, by the same steps a delete takes: the root tree
 * through the driver's safe remover, then the config dir through the writer (which tells the sync
 * and the owners, as for any delete). Not when the root is no longer the guest's alone (the same
 * ownership checks as a delete) or the guest runs: then what is left is named for an admin.
 */
final class InterruptedDelete {

    private static final Logger log = LoggerFactory.getLogger(InterruptedDelete.class);

    private final GuestConfigReader reader;
    private final HostDriver driver;
    private final HostProperties host;
    private final GuestConfigWriter writer;

    InterruptedDelete(GuestConfigReader reader, HostDriver driver, HostProperties host, GuestConfigWriter writer) {
        this.reader = reader;
        this.driver = driver;
        this.host = host;
        this.writer = writer;
    }

    IntentRecovery.Finding complete(String guest, GuestConfig config, @Nullable Boolean running, boolean rootExists, String state) {
        String root = String.valueOf(GuestSpecs.rootOf(config, host.guestsRoot()));
        String left = "left: config directory " + host.configRoot().resolve(guest) + (rootExists ? ", root tree " + root : "");
        if (config.context() == null) {
            return new IntentRecovery.Finding("partly applied", state, config.digest(),
                    "the delete could not be completed: no static context (XID) configured; " + left);
        }
        if (!Boolean.FALSE.equals(running)) {
            return new IntentRecovery.Finding("partly applied", state, config.digest(),
                    "the delete was not completed: the guest " + (running == null ? "may be running" : "is running") + "; " + left);
        }
        var why = new RootOwnership(host.guestsRoot(), host.procRoot().resolve("self").resolve("mountinfo"))
                .whyNotDeletable(config, reader.readAllGuests());
        if (why.isPresent()) {
            return new IntentRecovery.Finding("partly applied", state, config.digest(),
                    "completing the delete was refused: " + why.get() + "; " + left);
        }
        try {
            if (rootExists) {
                driver.deleteRoot(GuestSpecs.from(config, host.guestsRoot()));
            }
            writer.deleteGuest(guest, config.digest());
        } catch (IOException | RuntimeException e) {
            log.warn("Could not complete the interrupted delete of '{}': {}", guest, e.getMessage());
            boolean rootLeft = GuestSpecs.isDirectory(GuestSpecs.rootOf(config, host.guestsRoot()));
            return new IntentRecovery.Finding("partly applied", reader.isGuest(guest) ? state : "absent", null,
                    "completing the delete failed: " + e.getMessage() + "; left: "
                            + (reader.isGuest(guest) ? "config directory " + host.configRoot().resolve(guest) : "")
                            + (rootLeft ? " root tree " + root : ""));
        }
        return new IntentRecovery.Finding("completed after restart", "absent", null, "the delete had begun ("
                + (rootExists ? "root tree partly removed" : "root tree removed") + ", config directory still there);"
                + " the root tree and config directory were removed now, as the user asked");
    }
}

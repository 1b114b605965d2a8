package org.vsconsole.host;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The driver when guests cannot be run here (no vserver kernel, not root, or configured so):
 * the console still shows the tree, and every operation says plainly why it cannot act.
 */
public final class ReadOnlyDriver implements HostDriver {

    private final String reason;

    public ReadOnlyDriver(String reason) {
        this.reason = reason;
    }

    @Override
    public String name() {
        return "read-only";
    }

    @Override
    public Optional<String> readOnlyReason() {
        return Optional.of(reason);
    }

    @Override
    public void start(GuestSpec guest) {
        throw refused("start", guest);
    }

    @Override
    public void stop(GuestSpec guest, Duration timeout) {
        throw refused("stop", guest);
    }

    @Override
    public boolean isRunning(GuestSpec guest) {
        return false;
    }

    @Override
    public Map<Integer, ContextFigures> figures(List<GuestSpec> guests) {
        return Map.of();
    }

    @Override
    public ExecResult exec(GuestSpec guest, List<String> argv, Consumer<String> output, Duration timeout) {
        throw refused("exec", guest);
    }

    @Override
    public List<GuestProcess> processes(GuestSpec guest) {
        return List.of();
    }

    @Override
    public void kill(GuestSpec guest, int pid, int signal) {
        throw refused("kill", guest);
    }

    @Override
    public void setLimitLive(GuestSpec guest, String limitName, LimitValues values) {
        throw refused("set-limit", guest);
    }

    @Override
    public void remountTmp(GuestSpec guest, String size) {
        throw refused("remount-tmp", guest);
    }

    @Override
    public void buildRoot(GuestSpec guest, BuildRequest request, BuildProgress log) {
        throw refused("build", guest);
    }

    @Override
    public void deleteRoot(GuestSpec guest) {
        throw refused("delete", guest);
    }

    private HostOperationException refused(String operation, GuestSpec guest) {
        return new HostOperationException(operation, guest.name(), "This host is read-only: " + reason);
    }
}

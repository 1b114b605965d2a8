package org.vsconsole.host.vserver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.vsconsole.host.BuildRequest;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.LimitValues;

/**
 * The argv of every util-vserver call the driver makes, and nothing else: one place to read when
 * checking what reaches the host. Every value is checked by {@link ArgumentCheck} first; where a
 * tool takes a free argument list it comes after {@code --}.
 *
 * <p>{@code vserver} takes {@code --} before the guest name (its getopt stops there), and
 * {@code exec} passes its arguments straight to vcontext's own {@code --}: a second {@code --}
 * after {@code exec} would become the program to run.
 */
public final class UtilVserverCommands {

    /** Names {@code vlimit} accepts as {@code --<name>} (reference §4.5). */
    public static final Set<String> LIMIT_NAMES = Set.of("cpu", "fsize", "data", "stack", "core", "rss", "nproc",
            "nofile", "memlock", "as", "locks", "msgqueue", "nsock", "openfd", "anon", "shmem", "semary", "nsems",
            "dentry");

    /** Columns asked of {@code ps} through {@code vps}; {@link VpsParser} reads them in this order. */
    static final String PS_COLUMNS = "pid,user,vsz,rss,time,etime,args";

    private final Path binDir;

    public UtilVserverCommands(Path binDir) {
        this.binDir = binDir;
    }

    private String tool(String name) {
        return binDir.resolve(name).toString();
    }

    List<String> guestCommand(String operation, GuestSpec guest, String command) {
        return List.of(tool("vserver"), "--", ArgumentCheck.guestName(operation, guest.name()), command);
    }

    /** {@code vserver NAME enter}: the guest's login shell, for a terminal. */
    List<String> enter(GuestSpec guest) {
        return guestCommand("terminal", guest, "enter");
    }

    List<String> exec(GuestSpec guest, List<String> argv) {
        if (argv.isEmpty() || argv.getFirst().isEmpty()) {
            throw ArgumentCheck.refused("exec", guest.name(), "no command given");
        }
        List<String> result = new ArrayList<>(guestCommand("exec", guest, "exec"));
        result.addAll(argv);
        return List.copyOf(result);
    }

    List<String> build(GuestSpec guest, BuildRequest request) {
        String op = "build";
        String name = ArgumentCheck.guestName(op, guest.name());
        Path root = guest.rootDir();
        ArgumentCheck.absolutePath(op, name, root);
        if (root.getFileName() == null || !root.getFileName().toString().equals(name) || root.getParent() == null) {
            // vserver-build places the root at <rootdir>/<name>; any other layout it cannot make.
            throw ArgumentCheck.refused(op, name, "root directory " + root + " must be <vservers root>/" + name);
        }
        Path confdir = guest.configDir();
        if (confdir == null || confdir.getFileName() == null || !confdir.getFileName().toString().equals(name)) {
            // "vserver NAME start" looks for the guest at <config root>/NAME, nowhere else.
            throw ArgumentCheck.refused(op, name, "config directory " + confdir + " must be <config root>/" + name);
        }
        List<String> argv = new ArrayList<>(List.of(tool("vserver"), "--", name, "build",
                "-m", methodName(request.method()),
                "--rootdir", ArgumentCheck.absolutePath(op, name, root.getParent()),
                // The build makes the config dir itself: where the console will look for it.
                "--confdir", ArgumentCheck.absolutePath(op, name, confdir),
                "--context", ArgumentCheck.xid(op, name, guest.xid()),
                "--hostname", ArgumentCheck.hostname(op, name, guest.nodename() == null ? name : guest.nodename())));
        if (!guest.interfaces().isEmpty()) {
            argv.addAll(List.of("--interface", interfaceOption(op, name, guest.interfaces().getFirst())));
        }
        // What follows "--" are the method's own arguments (reference §4.2).
        argv.add("--");
        switch (request.method()) {
            case SKELETON -> {
            }
            case DEBOOTSTRAP -> {
                argv.addAll(List.of("-d", ArgumentCheck.dist(op, name, request.dist())));
                if (request.mirror() != null) {
                    argv.addAll(List.of("-m", ArgumentCheck.mirror(op, name, request.mirror())));
                }
            }
            case CLONE -> argv.addAll(List.of("--source", ArgumentCheck.guestName(op, request.source())));
        }
        return List.copyOf(argv);
    }

    /**
     * {@code [DEV:]IP/PREFIX} as vserver-build parses it (reference §1.4). Without a device it is
     * {@code nodev:}, which the build would write anyway, and which keeps an IPv6 address from
     * being split at its first ':' as if that part were a device.
     */
    private static String interfaceOption(String op, String guest, GuestSpec.Address address) {
        String ip = ArgumentCheck.ipAddress(op, guest, address.ip());
        String dev = address.dev() == null ? "nodev" : ArgumentCheck.interfaceDevice(op, guest, address.dev());
        return dev + ":" + ip + "/" + ArgumentCheck.prefix(op, guest, ip, address.prefix());
    }

    private static String methodName(BuildRequest.Method method) {
        return switch (method) {
            case SKELETON -> "skeleton";
            case DEBOOTSTRAP -> "debootstrap";
            case CLONE -> "clone";
        };
    }

    /**
     * {@code vlimit -c XID -SH --name V} when soft equals hard, else {@code -S --name S -H --name H}.
     * Values are decimal or {@code inf}, so none can start with '-'.
     */
    List<String> setLimit(GuestSpec guest, String limitName, LimitValues values) {
        String op = "set limit";
        String name = guest.name();
        if (limitName == null || !LIMIT_NAMES.contains(limitName)) {
            throw ArgumentCheck.refused(op, name, "unknown limit '" + limitName + "'");
        }
        String soft = limitValue(op, name, values.soft());
        String hard = limitValue(op, name, values.hard());
        if (values.hard() != LimitValues.UNLIMITED
                && (values.soft() == LimitValues.UNLIMITED || values.soft() > values.hard())) {
            // The kernel would silently lower soft to hard; refuse rather than store a lie.
            throw ArgumentCheck.refused(op, name, "soft limit " + soft + " is above hard limit " + hard);
        }
        List<String> argv = new ArrayList<>(List.of(tool("vlimit"), "-c", ArgumentCheck.xid(op, name, guest.xid())));
        String option = "--" + limitName;
        if (soft.equals(hard)) {
            argv.addAll(List.of("-SH", option, hard));
        } else {
            argv.addAll(List.of("-S", option, soft, "-H", option, hard));
        }
        return List.copyOf(argv);
    }

    private static String limitValue(String op, String guest, long value) {
        if (value == LimitValues.UNLIMITED) {
            return "inf";
        }
        if (value < 0) {
            throw ArgumentCheck.refused(op, guest, "limit value " + value + " is negative");
        }
        return Long.toString(value);
    }

    /** pid ≤ 1 is refused: 0 means every process of the context to vkill, 1 the guest's init. */
    List<String> kill(GuestSpec guest, int pid, int signal) {
        String op = "kill";
        if (pid <= 1) {
            throw ArgumentCheck.refused(op, guest.name(), "process id " + pid + " is not a single guest process");
        }
        if (signal < 1 || signal > 64) {
            throw ArgumentCheck.refused(op, guest.name(), "signal " + signal + " does not exist");
        }
        return List.of(tool("vkill"), "--xid", ArgumentCheck.xid(op, guest.name(), guest.xid()),
                "-s", Integer.toString(signal), "--", Integer.toString(pid));
    }

    List<String> processes() {
        return List.of(tool("vps"), "-e", "-o", PS_COLUMNS);
    }

    /**
     * In the guest's mount namespace its tmpfs is mounted under the guest root as the host sees it
     * (util-vserver chroots only when entering the guest), so the target is {@code <root>/tmp}.
     */
    List<String> remountTmp(GuestSpec guest, String size) {
        String op = "remount /tmp";
        String name = guest.name();
        String target = ArgumentCheck.absolutePath(op, name, guest.rootDir().resolve("tmp"));
        return List.of(tool("vnamespace"), "-e", ArgumentCheck.xid(op, name, guest.xid()), "--",
                "/bin/mount", "-o", "remount,size=" + ArgumentCheck.tmpfsSize(op, name, size), "--", target);
    }

    Path binDir() {
        return binDir;
    }
}

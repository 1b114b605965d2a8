package org.vsconsole.updates;

import java.util.ArrayList;
import java.util.List;

/**
 * The argv lists run inside a guest for apt. Never interactive (a prompt would hang the job until
 * its timeout), quiet enough for a job log, and with {@code --} before package names, which are
 * allow-listed before they get here.
 */
public final class AptCommands {

    private static final List<String> APT = List.of("/usr/bin/env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "-q",
            "-y", "-o", "Dpkg::Options::=--force-confdef", "-o", "Dpkg::Options::=--force-confold");

    private AptCommands() {
    }

    /** Whether apt exists: a guest without it is "no apt", not a failure. */
    public static List<String> probe() {
        return List.of("/bin/sh", "-c", "command -v apt-get >/dev/null");
    }

    public static List<String> update() {
        return with("update");
    }

    public static List<String> install(List<String> packages, boolean dryRun) {
        return action(UpdateAction.INSTALL, packages, dryRun);
    }

    /** {@code apt-get [-s] ACTION [--no-install-recommends] [-- PKG…]}; {@code -s} lists without changing anything. */
    public static List<String> action(UpdateAction action, List<String> packages, boolean dryRun) {
        List<String> argv = new ArrayList<>(APT);
        if (dryRun) {
            argv.add("-s");
        }
        if (action == UpdateAction.INSTALL) {
            argv.add("--no-install-recommends");
        }
        argv.add(action.command());
        if (action.takesPackages()) {
            argv.add("--");
            argv.addAll(packages);
        }
        return List.copyOf(argv);
    }

    private static List<String> with(String command) {
        List<String> argv = new ArrayList<>(APT);
        argv.add(command);
        return List.copyOf(argv);
    }
}

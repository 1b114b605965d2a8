package org.vsconsole.host.proc;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code stat --proc-root DIR --config-root DIR [--cgroup-root DIR] [--page-size N] [--user-hz N]
 * [--kernel-hz N] [--driver auto|vserver|linux] [--cgroup-parent NAME]}: prints the
 * {@code vserver-stat} table for a proc tree. On a stock kernel (no {@code <proc-root>/virtual},
 * or {@code --driver linux}) the table comes from the linux driver's cgroups ({@link LinuxLayout}).
 * Exit codes: 0 printed, 1 the proc tree could not be read, 2 bad arguments. Warnings go to the
 * error stream, like the C tool's {@code perror} lines.
 */
public final class StatCommand {

    /**
     * The table of a stock-kernel host, from the linux driver's cgroups; the driver's package
     * provides it (this package does not depend on that driver).
     */
    @FunctionalInterface
    public interface LinuxLayout {

        StatTable compute(Path procRoot, Path cgroupRoot, String cgroupParent, Path configRoot, MachineUnits units)
                throws IOException;
    }

    /** The console's default cgroup parent ({@code vsconsole.linux.cgroup-parent}). */
    static final String DEFAULT_CGROUP_PARENT = "vsconsole";
    static final Path DEFAULT_CGROUP_ROOT = Path.of("/sys/fs/cgroup");

    public static final int OK = 0;
    public static final int READ_FAILED = 1;
    public static final int USAGE = 2;

    static final String USAGE_TEXT = """
            Usage: stat --proc-root DIR --config-root DIR [--cgroup-root DIR]
                        [--page-size BYTES] [--user-hz N] [--kernel-hz N]
                        [--driver auto|vserver|linux] [--cgroup-parent NAME]
              --proc-root DIR    folder holding virtual/, uptime and the pid folders (normally /proc)
              --config-root DIR  guest configuration folder (normally /etc/vservers)
              --cgroup-root DIR  cgroup mount: for memcg kernels (default: util-vserver's lookup),
                                 for the linux driver (default: /sys/fs/cgroup)
              --driver NAME      vserver: /proc/virtual; linux: the linux driver's cgroups (stock
                                 kernel); auto (default): linux when <proc-root>/virtual is missing
              --cgroup-parent N  the linux driver's cgroup parent (default: vsconsole)
              --page-size BYTES  page size (default 4096)
              --user-hz N        USER_HZ of /proc/<pid>/stat and cpuacct.stat (default 100)
              --kernel-hz N      HZ of /proc/virtual/<xid>/sched ticks (default 100)
            """;

    private StatCommand() {
    }

    /** @param args {@code args[0]} is {@code "stat"}; without a linux layout only /proc/virtual trees are read */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, null);
    }

    /** @param linux computes the table on a stock-kernel host; null: that layout is refused */
    public static int run(String[] args, PrintStream out, PrintStream err, @Nullable LinuxLayout linux) {
        StatArguments parsed;
        try {
            parsed = StatArguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("stat: " + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
        // auto picks the stock-kernel layout only where one is given; otherwise the proc tree's own error stands
        boolean useLinux = parsed.driver().equals("linux")
                || (parsed.driver().equals("auto") && linux != null && !Files.isDirectory(parsed.procRoot().resolve("virtual")));
        LinuxLayout stockKernel = useLinux ? linux : null;
        if (useLinux && stockKernel == null) {
            err.println("stat: --driver linux: this caller reads no stock-kernel layout");
            return READ_FAILED;
        }
        try {
            StatTable table = stockKernel != null
                    ? stockKernel.compute(parsed.procRoot(), parsed.cgroupRoot().orElse(DEFAULT_CGROUP_ROOT), parsed.cgroupParent(),
                            parsed.configRoot(), parsed.units())
                    : new VserverStat(parsed.procRoot(), parsed.configRoot(), parsed.cgroupRoot(), parsed.units()).compute();
            for (String warning : table.warnings()) {
                err.println("stat: " + warning);
            }
            out.print(VserverStatFormatter.format(table));
            out.flush();
            return OK;
        } catch (IOException e) {
            err.println("stat: cannot read " + parsed.procRoot() + ": " + e);
            return READ_FAILED;
        }
    }

    /** Parsed command line; every problem is an {@link IllegalArgumentException} with a readable message. */
    record StatArguments(Path procRoot, Path configRoot, Optional<Path> cgroupRoot, MachineUnits units, String driver,
            String cgroupParent) {

        static StatArguments parse(String[] args) {
            if (args == null || args.length == 0 || !"stat".equals(args[0])) {
                throw new IllegalArgumentException("first argument must be \"stat\"");
            }
            Path proc = null;
            Path config = null;
            Path cgroup = null;
            long pageSize = MachineUnits.DEFAULT.pageSize();
            int userHz = MachineUnits.DEFAULT.userHz();
            int kernelHz = MachineUnits.DEFAULT.kernelHz();
            String driver = null;
            String cgroupParent = null;
            for (int i = 1; i < args.length; i++) {
                String option = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(knownOption(option) ? option + " needs a value" : "unknown argument " + option);
                }
                String value = args[++i];
                switch (option) {
                    case "--proc-root" -> proc = once(proc, option, directory(option, value));
                    case "--config-root" -> config = once(config, option, directory(option, value));
                    case "--cgroup-root" -> cgroup = once(cgroup, option, directory(option, value));
                    case "--page-size" -> pageSize = positive(option, value);
                    case "--user-hz" -> userHz = (int) Math.min(Integer.MAX_VALUE, positive(option, value));
                    case "--kernel-hz" -> kernelHz = (int) Math.min(Integer.MAX_VALUE, positive(option, value));
                    case "--driver" -> driver = once(driver, option, oneOf(option, value, "auto", "vserver", "linux"));
                    case "--cgroup-parent" -> cgroupParent = once(cgroupParent, option, cgroupParent(value));
                    default -> throw new IllegalArgumentException("unknown argument " + option);
                }
            }
            if (proc == null) {
                throw new IllegalArgumentException("--proc-root is required");
            }
            if (config == null) {
                throw new IllegalArgumentException("--config-root is required");
            }
            return new StatArguments(proc, config, Optional.ofNullable(cgroup), new MachineUnits(pageSize, userHz, kernelHz),
                    driver == null ? "auto" : driver, cgroupParent == null ? DEFAULT_CGROUP_PARENT : cgroupParent);
        }

        private static boolean knownOption(String option) {
            return switch (option) {
                case "--proc-root", "--config-root", "--cgroup-root", "--page-size", "--user-hz", "--kernel-hz", "--driver",
                        "--cgroup-parent" ->
                    true;
                default -> false;
            };
        }

        private static String oneOf(String option, String value, String... allowed) {
            for (String candidate : allowed) {
                if (candidate.equals(value)) {
                    return value;
                }
            }
            throw new IllegalArgumentException(option + " must be one of " + String.join(", ", allowed) + ", not \"" + value + "\"");
        }

        /** The linux driver's rule for the name: it becomes a path under the cgroup root. */
        private static String cgroupParent(String value) {
            if (!value.matches("(?!\\.)[A-Za-z0-9_.-]{1,64}")) {
                throw new IllegalArgumentException("--cgroup-parent needs 1-64 ASCII letters, digits, '_', '.' or '-', not"
                        + " starting with '.'");
            }
            return value;
        }

        private static <T> T once(@Nullable T earlier, String option, T value) {
            if (earlier != null) {
                throw new IllegalArgumentException(option + " given twice");
            }
            return value;
        }

        private static Path directory(String option, String value) {
            Path path = Path.of(value);
            if (!Files.isDirectory(path)) {
                throw new IllegalArgumentException(option + " " + value + " is not a directory");
            }
            return path;
        }

        private static long positive(String option, String value) {
            try {
                long number = Long.parseLong(value);
                if (number > 0) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below with the option name
            }
            throw new IllegalArgumentException(option + " needs a positive whole number, not \"" + value + "\"");
        }
    }
}

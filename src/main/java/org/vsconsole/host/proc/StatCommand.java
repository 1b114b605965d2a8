package org.vsconsole.host.proc;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code stat --proc-root DIR --config-root DIR [--cgroup-root DIR] [--page-size N] [--user-hz N]
 * [--kernel-hz N]}: prints the {@code vserver-stat} table for a proc tree. Exit codes: 0 printed,
 * 1 the proc tree could not be read, 2 bad arguments. Warnings go to the error stream, like the C
 * tool's {@code perror} lines.
 */
public final class StatCommand {

    public static final int OK = 0;
    public static final int READ_FAILED = 1;
    public static final int USAGE = 2;

    static final String USAGE_TEXT = """
            Usage: stat --proc-root DIR --config-root DIR [--cgroup-root DIR]
                        [--page-size BYTES] [--user-hz N] [--kernel-hz N]
              --proc-root DIR    folder holding virtual/, uptime and the pid folders (normally /proc)
              --config-root DIR  guest configuration folder (normally /etc/vservers)
              --cgroup-root DIR  cgroup mount for memcg kernels (default: util-vserver's lookup)
              --page-size BYTES  page size (default 4096)
              --user-hz N        USER_HZ of /proc/<pid>/stat and cpuacct.stat (default 100)
              --kernel-hz N      HZ of /proc/virtual/<xid>/sched ticks (default 100)
            """;

    private StatCommand() {
    }

    /** @param args {@code args[0]} is {@code "stat"} */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        StatArguments parsed;
        try {
            parsed = StatArguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("stat: " + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
        try {
            StatTable table = new VserverStat(parsed.procRoot(), parsed.configRoot(), parsed.cgroupRoot(), parsed.units())
                    .compute();
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
    record StatArguments(Path procRoot, Path configRoot, Optional<Path> cgroupRoot, MachineUnits units) {

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
                    default -> throw new IllegalArgumentException("unknown argument " + option);
                }
            }
            if (proc == null) {
                throw new IllegalArgumentException("--proc-root is required");
            }
            if (config == null) {
                throw new IllegalArgumentException("--config-root is required");
            }
            return new StatArguments(proc, config, Optional.ofNullable(cgroup), new MachineUnits(pageSize, userHz, kernelHz));
        }

        private static boolean knownOption(String option) {
            return switch (option) {
                case "--proc-root", "--config-root", "--cgroup-root", "--page-size", "--user-hz", "--kernel-hz" -> true;
                default -> false;
            };
        }

        private static Path once(Path earlier, String option, Path value) {
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

package org.vsconsole.host.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.vsconsole.host.LimitValues;

/** Contexts on the v1 controllers {@code pids}, {@code memory}, {@code cpuacct} and {@code devices}. */
record CgroupV1(Path root, String parent, List<String> controllers) implements CgroupTree {

    /**
     * The device nodes a guest may open, as LXC allows them: null, zero, full, random, urandom,
     * tty, console, ptmx and its own ptys. A node copied into a guest tree (a host disk, say)
     * stays unusable, whatever the guest's root does.
     */
    private static final List<String> ALLOWED_DEVICES = List.of("c 1:3 rwm", "c 1:5 rwm", "c 1:7 rwm", "c 1:8 rwm",
            "c 1:9 rwm", "c 5:0 rwm", "c 5:1 rwm", "c 5:2 rwm", "c 136:* rwm");

    /** pids, memory and cpuacct always; devices where the host offers that controller. */
    CgroupV1(Path root, String parent) {
        this(root, parent, Files.isDirectory(root.resolve("devices"))
                ? List.of("pids", "memory", "cpuacct", "devices") : List.of("pids", "memory", "cpuacct"));
    }

    private Path dir(String controller, int xid) {
        return root.resolve(controller).resolve(parent).resolve(Integer.toString(xid));
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public void create(int xid) throws IOException {
        for (String controller : controllers) {
            Files.createDirectories(dir(controller, xid));
        }
        if (controllers.contains("devices")) {
            Path devices = dir("devices", xid);
            CgroupTree.write(devices.resolve("devices.deny"), "a");
            for (String allowed : ALLOWED_DEVICES) {
                CgroupTree.write(devices.resolve("devices.allow"), allowed);
            }
        }
    }

    @Override
    public boolean exists(int xid) {
        return Files.isDirectory(dir("pids", xid));
    }

    @Override
    public List<Path> procsFiles(int xid) {
        return controllers.stream().map(c -> dir(c, xid).resolve("cgroup.procs")).toList();
    }

    @Override
    public List<Integer> pids(int xid) {
        return CgroupTree.readPids(dir("pids", xid).resolve("cgroup.procs"));
    }

    @Override
    public void remove(int xid) throws IOException {
        for (String controller : controllers) {
            try {
                Files.delete(dir(controller, xid));
            } catch (NoSuchFileException e) {
                // already gone: removal is idempotent
            }
        }
    }

    @Override
    public CgroupFigures figures(int xid) throws IOException {
        Path pids = dir("pids", xid);
        Path memory = dir("memory", xid);
        Path cpuacct = dir("cpuacct", xid).resolve("cpuacct.stat");
        return new CgroupFigures(
                CgroupTree.number(pids.resolve("pids.current")),
                CgroupTree.number(pids.resolve("pids.peak")),
                CgroupTree.number(pids.resolve("pids.max")),
                CgroupTree.keyed(pids.resolve("pids.events"), "max"),
                CgroupTree.number(memory.resolve("memory.usage_in_bytes")),
                CgroupTree.number(memory.resolve("memory.max_usage_in_bytes")),
                CgroupTree.number(memory.resolve("memory.limit_in_bytes")),
                CgroupTree.number(memory.resolve("memory.failcnt")),
                CgroupTree.keyed(cpuacct, "user") * ProcStat.MS_PER_TICK,
                CgroupTree.keyed(cpuacct, "system") * ProcStat.MS_PER_TICK);
    }

    @Override
    public void setPidsMax(int xid, long max) throws IOException {
        CgroupTree.write(dir("pids", xid).resolve("pids.max"), max == LimitValues.UNLIMITED ? "max" : Long.toString(max));
    }

    @Override
    public void setMemoryLimit(int xid, long bytes) throws IOException {
        CgroupTree.write(dir("memory", xid).resolve("memory.limit_in_bytes"),
                bytes == LimitValues.UNLIMITED ? "-1" : Long.toString(bytes));
    }
}

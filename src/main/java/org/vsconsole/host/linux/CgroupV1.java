package org.vsconsole.host.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.vsconsole.host.LimitValues;

/** Contexts on the v1 controllers {@code pids}, {@code memory} and {@code cpuacct}. */
record CgroupV1(Path root, String parent) implements CgroupTree {

    private static final List<String> CONTROLLERS = List.of("pids", "memory", "cpuacct");

    private Path dir(String controller, int xid) {
        return root.resolve(controller).resolve(parent).resolve(Integer.toString(xid));
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public void create(int xid) throws IOException {
        for (String controller : CONTROLLERS) {
            Files.createDirectories(dir(controller, xid));
        }
    }

    @Override
    public boolean exists(int xid) {
        return Files.isDirectory(dir("pids", xid));
    }

    @Override
    public List<Path> procsFiles(int xid) {
        return CONTROLLERS.stream().map(c -> dir(c, xid).resolve("cgroup.procs")).toList();
    }

    @Override
    public List<Integer> pids(int xid) {
        return CgroupTree.readPids(dir("pids", xid).resolve("cgroup.procs"));
    }

    @Override
    public void remove(int xid) throws IOException {
        for (String controller : CONTROLLERS) {
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

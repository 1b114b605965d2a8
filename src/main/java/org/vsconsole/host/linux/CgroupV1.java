package org.vsconsole.host.linux;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vsconsole.host.LimitValues;

/** Contexts on the v1 hierarchies; limits and figures come from {@code pids}, {@code memory} and {@code cpuacct}. */
record CgroupV1(Path root, String parent) implements CgroupTree {

    private Path dir(String controller, int xid) {
        return root.resolve(controller).resolve(parent).resolve(Integer.toString(xid));
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public boolean exists(int xid) {
        return Files.isDirectory(dir("pids", xid));
    }

    @Override
    public List<Integer> contexts() {
        return CgroupTree.numericEntries(root.resolve("pids").resolve(parent));
    }

    @Override
    public List<Integer> pids(int xid) {
        return CgroupTree.readPids(dir("pids", xid));
    }

    /** LXC makes the context's cgroups in every mounted hierarchy, named ones included. */
    @Override
    public void removeLeftovers(int xid) {
        try (DirectoryStream<Path> hierarchies = Files.newDirectoryStream(root)) {
            for (Path hierarchy : hierarchies) {
                Path parentDir = hierarchy.resolve(parent);
                CgroupTree.removeEmpty(parentDir.resolve(Integer.toString(xid)));
                CgroupTree.removeEmpty(parentDir.resolve("monitor." + xid));
            }
        } catch (IOException e) {
            // an unreadable cgroup root: LXC's own error at start says more
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

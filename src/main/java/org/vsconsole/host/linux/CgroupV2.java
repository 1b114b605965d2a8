package org.vsconsole.host.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vsconsole.host.LimitValues;

/** Contexts on the unified hierarchy; LXC creates them and delegates the controllers. */
record CgroupV2(Path root, String parent) implements CgroupTree {

    private Path dir(int xid) {
        return root.resolve(parent).resolve(Integer.toString(xid));
    }

    @Override
    public String version() {
        return "v2";
    }

    @Override
    public boolean exists(int xid) {
        return Files.isDirectory(dir(xid));
    }

    @Override
    public List<Integer> contexts() {
        return CgroupTree.numericEntries(root.resolve(parent));
    }

    @Override
    public List<Integer> pids(int xid) {
        return CgroupTree.readPids(dir(xid));
    }

    @Override
    public void removeLeftovers(int xid) {
        CgroupTree.removeEmpty(dir(xid));
        CgroupTree.removeEmpty(root.resolve(parent).resolve("monitor." + xid));
    }

    @Override
    public CgroupFigures figures(int xid) throws IOException {
        Path dir = dir(xid);
        Path cpu = dir.resolve("cpu.stat");
        return new CgroupFigures(
                CgroupTree.number(dir.resolve("pids.current")),
                CgroupTree.number(dir.resolve("pids.peak")),
                CgroupTree.number(dir.resolve("pids.max")),
                CgroupTree.keyed(dir.resolve("pids.events"), "max"),
                CgroupTree.number(dir.resolve("memory.current")),
                CgroupTree.number(dir.resolve("memory.peak")),
                CgroupTree.number(dir.resolve("memory.max")),
                CgroupTree.keyed(dir.resolve("memory.events"), "max"),
                CgroupTree.keyed(cpu, "user_usec") / 1000,
                CgroupTree.keyed(cpu, "system_usec") / 1000);
    }

    @Override
    public void setPidsMax(int xid, long max) throws IOException {
        CgroupTree.write(dir(xid).resolve("pids.max"), max == LimitValues.UNLIMITED ? "max" : Long.toString(max));
    }

    @Override
    public void setMemoryLimit(int xid, long bytes) throws IOException {
        CgroupTree.write(dir(xid).resolve("memory.max"), bytes == LimitValues.UNLIMITED ? "max" : Long.toString(bytes));
    }
}

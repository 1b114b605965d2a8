package org.vsconsole.host.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.vsconsole.host.LimitValues;

/**
 * Contexts on the unified hierarchy. The parent only delegates controllers and never holds a
 * process itself, as v2's no-internal-process rule wants.
 */
record CgroupV2(Path root, String parent) implements CgroupTree {

    private Path dir(int xid) {
        return root.resolve(parent).resolve(Integer.toString(xid));
    }

    @Override
    public String version() {
        return "v2";
    }

    @Override
    public void create(int xid) throws IOException {
        Path parentDir = root.resolve(parent);
        Files.createDirectories(parentDir);
        for (Path delegating : List.of(root, parentDir)) {
            for (String controller : List.of("+pids", "+memory")) {
                CgroupTree.write(delegating.resolve("cgroup.subtree_control"), controller);
            }
        }
        Files.createDirectories(dir(xid));
    }

    @Override
    public boolean exists(int xid) {
        return Files.isDirectory(dir(xid));
    }

    @Override
    public List<Path> procsFiles(int xid) {
        return List.of(dir(xid).resolve("cgroup.procs"));
    }

    @Override
    public List<Integer> pids(int xid) {
        return CgroupTree.readPids(dir(xid).resolve("cgroup.procs"));
    }

    @Override
    public void remove(int xid) throws IOException {
        try {
            Files.delete(dir(xid));
        } catch (NoSuchFileException e) {
            // already gone: removal is idempotent
        }
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

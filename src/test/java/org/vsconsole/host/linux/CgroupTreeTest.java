package org.vsconsole.host.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsconsole.host.LimitValues;

/** Detection and parsing against fake cgroup trees; the v2 layout cannot be mounted on this CI host. */
class CgroupTreeTest {

    @TempDir
    Path root;

    @Test
    void prefersAUnifiedHierarchyThatCarriesPidsAndMemory() throws IOException {
        Files.createDirectories(root.resolve("pids"));
        Files.createDirectories(root.resolve("memory"));
        Files.createDirectories(root.resolve("cpuacct"));
        Files.createDirectories(root.resolve("unified"));
        Files.writeString(root.resolve("unified/cgroup.controllers"), "hugetlb\n");
        assertThat(CgroupTree.detect(root, "vsc")).get().extracting(CgroupTree::version).isEqualTo("v1");

        Files.writeString(root.resolve("unified/cgroup.controllers"), "cpuset cpu io memory hugetlb pids rdma misc\n");
        assertThat(CgroupTree.detect(root, "vsc")).get().extracting(CgroupTree::version).isEqualTo("v2");
    }

    @Test
    void findsNothingWithoutControllers() {
        assertThat(CgroupTree.detect(root, "vsc")).isEmpty();
    }

    @Test
    void readsV2FiguresAndWritesV2Limits() throws IOException {
        Files.writeString(root.resolve("cgroup.controllers"), "memory pids\n");
        Files.writeString(root.resolve("cgroup.subtree_control"), "");
        CgroupTree tree = CgroupTree.detect(root, "vsc").orElseThrow();
        Path dir = Files.createDirectories(root.resolve("vsc/42"));
        Files.writeString(dir.resolve("cgroup.procs"), "100\n101\n");
        Files.writeString(dir.resolve("pids.current"), "2\n");
        Files.writeString(dir.resolve("pids.max"), "max\n");
        Files.writeString(dir.resolve("pids.peak"), "5\n");
        Files.writeString(dir.resolve("pids.events"), "max 7\n");
        Files.writeString(dir.resolve("memory.current"), "8192\n");
        Files.writeString(dir.resolve("memory.peak"), "16384\n");
        Files.writeString(dir.resolve("memory.max"), "1048576\n");
        Files.writeString(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n");
        Files.writeString(dir.resolve("cpu.stat"), "usage_usec 5000\nuser_usec 3000\nsystem_usec 2000\n");

        assertThat(tree.pids(42)).containsExactly(100, 101);
        Files.createDirectories(dir.resolve("system.slice"));
        Files.writeString(dir.resolve("system.slice/cgroup.procs"), "102\n"); // a cgroup the guest made
        assertThat(tree.pids(42)).containsExactlyInAnyOrder(100, 101, 102);
        assertThat(tree.figures(42)).isEqualTo(new CgroupFigures(2, 5, LimitValues.UNLIMITED, 7, 8192, 16384, 1048576, 3, 3, 2));

        tree.setPidsMax(42, LimitValues.UNLIMITED);
        tree.setMemoryLimit(42, 4096);
        assertThat(dir.resolve("pids.max")).hasContent("max");
        assertThat(dir.resolve("memory.max")).hasContent("4096");

        Files.delete(dir.resolve("system.slice/cgroup.procs"));
        tree.removeLeftovers(42); // a real cgroup dir holds only kernel files; here the files keep it
        assertThat(dir.resolve("system.slice")).doesNotExist();
    }

    @Test
    void readsV1FiguresWithItsNoLimitValue() throws IOException {
        for (String c : new String[]{"pids", "memory", "cpuacct"}) {
            Files.createDirectories(root.resolve(c));
        }
        CgroupTree tree = CgroupTree.detect(root, "vsc").orElseThrow();
        for (String c : new String[]{"pids", "memory", "cpuacct"}) {
            Files.createDirectories(root.resolve(c).resolve("vsc/7"));
        }
        Files.createDirectories(root.resolve("pids/vsc/monitor.7"));
        Files.writeString(root.resolve("pids/vsc/7/pids.current"), "3\n");
        Files.writeString(root.resolve("pids/vsc/7/pids.max"), "50\n");
        Files.writeString(root.resolve("pids/vsc/7/pids.events"), "max 12\n");
        Files.writeString(root.resolve("memory/vsc/7/memory.usage_in_bytes"), "4096\n");
        Files.writeString(root.resolve("memory/vsc/7/memory.max_usage_in_bytes"), "8192\n");
        Files.writeString(root.resolve("memory/vsc/7/memory.limit_in_bytes"), "9223372036854771712\n");
        Files.writeString(root.resolve("memory/vsc/7/memory.failcnt"), "0\n");
        Files.writeString(root.resolve("cpuacct/vsc/7/cpuacct.stat"), "user 150\nsystem 20\n");

        assertThat(tree.pids(7)).isEmpty();
        assertThat(tree.figures(7)).isEqualTo(new CgroupFigures(3, 0, 50, 12, 4096, 8192, LimitValues.UNLIMITED, 0, 1500, 200));

        tree.removeLeftovers(7);
        assertThat(root.resolve("pids/vsc/monitor.7")).doesNotExist();
        assertThat(root.resolve("memory/vsc/7")).exists(); // not empty here, as a busy cgroup would not be
    }
}

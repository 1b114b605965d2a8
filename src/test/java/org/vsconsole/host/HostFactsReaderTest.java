package org.vsconsole.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostFactsReaderTest {

    @TempDir
    Path temp;

    @Test
    void aHybridCgroupMountListsItsV1ControllersAndSaysV2IsBeside() throws Exception {
        Path cgroup = temp.resolve("cgroup");
        for (String dir : List.of("pids", "memory", "cpu", "cpu,cpuacct", "systemd", "unified")) {
            Files.createDirectories(cgroup.resolve(dir));
        }
        Files.createDirectories(temp.resolve("proc/sys/kernel"));
        Files.writeString(temp.resolve("proc/sys/kernel/osrelease"), "6.1.0-28-amd64\n");

        HostFacts facts = HostFactsReader.read(temp.resolve("proc"), cgroup, "linux", "LXC 5.0.2", List.of("no quota"));

        assertThat(facts.kernel()).isEqualTo("6.1.0-28-amd64");
        assertThat(facts.cgroups()).isEqualTo("v1: cpu memory pids (+ v2 unified)");
        assertThat(facts.engine()).isEqualTo("LXC 5.0.2");
        assertThat(facts.missing()).containsExactly("no quota");
    }

    @Test
    void aUnifiedMountListsItsControllers() throws Exception {
        Files.writeString(temp.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");

        assertThat(HostFactsReader.cgroups(temp)).isEqualTo("v2: cpuset cpu io memory pids");
    }

    @Test
    void whatCannotBeReadIsSaidSo() {
        HostFacts facts = HostFactsReader.read(temp.resolve("no-proc"), temp.resolve("no-cgroup"), "read-only", null, List.of());

        assertThat(facts.kernel()).isEqualTo("unknown");
        assertThat(facts.cgroups()).startsWith("unknown (").endsWith("no-cgroup cannot be read)");
    }
}

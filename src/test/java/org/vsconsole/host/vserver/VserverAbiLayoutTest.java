package org.vsconsole.host.vserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vsconsole.host.process.CommandResult;
import org.vsconsole.host.process.ProcessRunner;

/**
 * Compiles {@code native/vserver_abi_check.c} with gcc and compares every size and offset it
 * prints for the C declarations in {@code native/vserver_abi.h} with JNA's view of
 * {@link VserverAbi}. Runs on x86_64 only: that is the layout the binding is written for.
 */
class VserverAbiLayoutTest {

    static Map<String, Long> cLayout;

    @BeforeAll
    static void compileAndRunTheCheckProgram() throws Exception {
        String arch = System.getProperty("os.arch");
        assumeTrue(arch.equals("amd64") || arch.equals("x86_64"), "layout is checked on x86_64 only");
        Path source = Path.of("native", "vserver_abi_check.c").toAbsolutePath();
        Path out = Files.createDirectories(Path.of("target", "native")).resolve("vserver_abi_check").toAbsolutePath();
        ProcessRunner runner = new ProcessRunner(Map.of("PATH", "/usr/bin:/bin"));
        CommandResult compiled = runner.run(
                List.of("gcc", "-std=c99", "-Wall", "-Werror", "-o", out.toString(), source.toString()),
                Duration.ofSeconds(60), line -> {
                });
        assertThat(compiled.exitCode()).as("gcc: %s", compiled.ownMessage()).isZero();
        CommandResult printed = runner.run(List.of(out.toString()), Duration.ofSeconds(10), line -> {
        });
        assertThat(printed.exitCode()).isZero();
        cLayout = new LinkedHashMap<>();
        for (String line : printed.stdout().lines().toList()) {
            String[] words = line.split(" ");
            if (words.length == 3 && words[1].equals("sizeof")) {
                cLayout.put(words[0], Long.parseLong(words[2]));
            } else {
                cLayout.put(words[0], Long.parseLong(words[1]));
            }
        }
    }

    static Stream<AbiStructure> structures() {
        return Stream.of(new VserverAbi.CtxRlimit(), new VserverAbi.CtxRlimitMask(), new VserverAbi.RlimitStat(),
                new VserverAbi.VxInfo(), new VserverAbi.CtxStat(), new VserverAbi.VirtStat(),
                new VserverAbi.SchedInfo(), new VserverAbi.CtxKill());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("structures")
    void jnaLayoutEqualsGccLayout(AbiStructure structure) {
        String name = structure.cName();
        assertThat(cLayout).as("C program knows %s", name).containsKey(name);
        assertThat((long) structure.size()).as("sizeof %s", name).isEqualTo(cLayout.get(name));
        List<String> fields = structure.fieldNames();
        long cFieldCount = cLayout.keySet().stream().filter(k -> k.startsWith(name + ".")).count();
        assertThat(fields).as("fields of %s", name).hasSize((int) cFieldCount);
        for (String field : fields) {
            assertThat((long) structure.offsetOf(field)).as("offsetof %s.%s", name, field)
                    .isEqualTo(cLayout.get(name + "." + field));
        }
    }

    @Test
    void sizesAreTheReferenceSizesForX8664() {
        assertThat(cLayout).containsEntry("vcmd_ctx_rlimit_v0", 32L)
                .containsEntry("vcmd_ctx_rlimit_v0.minimum", 8L)
                .containsEntry("vcmd_ctx_rlimit_mask_v0", 12L)
                .containsEntry("vcmd_rlimit_stat_v0", 32L)
                .containsEntry("vcmd_vx_info_v0", 8L)
                .containsEntry("vcmd_ctx_stat_v0", 8L)
                .containsEntry("vcmd_virt_stat_v0", 48L)
                .containsEntry("vcmd_virt_stat_v0.load", 36L)
                .containsEntry("vcmd_sched_info", 40L)
                .containsEntry("vcmd_sched_info.token_usec", 32L)
                .containsEntry("vcmd_ctx_kill_v0", 8L);
    }
}

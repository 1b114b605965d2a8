package org.vsconsole.host.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vsconsole.host.LimitValues;

class RlimitsTest {

    @Test
    void savedLimitsAreKeptAndTheOthersUnlimitedWhereLimitsMayBeRaised() throws Exception {
        String nrOpen = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/sys/fs/nr_open")).getFirst().strip();

        assertThat(Rlimits.prlimitOptions(Map.of("nofile", new LimitValues(512, 1024)), true, name -> 7))
                .containsExactly("--as=unlimited:unlimited", "--locks=unlimited:unlimited",
                        "--memlock=unlimited:unlimited", "--nofile=512:1024");
        // open files cannot be RLIM_INFINITY: the kernel's ceiling stands for unlimited
        assertThat(Rlimits.prlimitOptions(Map.of(), true, name -> 7)).contains("--nofile=" + nrOpen + ":" + nrOpen);
    }

    @Test
    void withoutTheRightToRaiseAnUnsavedLimitIsTheMostTheConsoleHasNotItsSoftValue() {
        assertThat(Rlimits.prlimitOptions(Map.of("as", LimitValues.both(LimitValues.UNLIMITED)), false,
                name -> name.equals("nofile") ? 20_000 : 2048))
                .containsExactly("--as=unlimited:unlimited", "--locks=2048:2048",
                        "--memlock=" + 2048 * Rlimits.PAGE_SIZE + ":" + 2048 * Rlimits.PAGE_SIZE, "--nofile=20000:20000");
    }
}

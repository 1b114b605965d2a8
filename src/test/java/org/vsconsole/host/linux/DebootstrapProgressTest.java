package org.vsconsole.host.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vsconsole.host.BuildProgress;

class DebootstrapProgressTest {

    @Test
    void stagesMoveTheBarForwardOnlyAndSuccessIsAHundred() {
        List<Integer> seen = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        DebootstrapProgress progress = new DebootstrapProgress(BuildProgress.of(lines::add, seen::add, () -> false));
        List<String> input = new ArrayList<>(List.of("I: Target architecture can be executed", "I: Retrieving InRelease ",
                "I: Checking Release signature", "I: Retrieving Packages ", "I: Resolving dependencies of required packages..."));
        for (int i = 0; i < 95; i++) {
            input.add("I: Retrieving pkg" + i + " 1.0");
            input.add("I: Validating pkg" + i + " 1.0");
        }
        input.addAll(List.of("I: Extracting zlib1g...", "I: Installing core packages...", "I: Unpacking libc6:amd64...",
                "I: Configuring libc6:amd64...", "I: Retrieving InRelease ", "I: Base system installed successfully."));
        input.forEach(progress);

        assertThat(lines).isEqualTo(input);
        assertThat(seen).isSorted().doesNotHaveDuplicates().contains(2, 46, 50, 100);
        assertThat(seen.getLast()).isEqualTo(100);
    }
}

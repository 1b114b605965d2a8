package org.vsconsole.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

    @Test
    void changedLineIsShownAsMinusAndPlusWithContext() {
        String d = UnifiedDiff.diff("fstab", "a\nb\nc\n", "a\nB\nc\n");
        assertThat(d).isEqualTo("--- a/fstab (accepted)\n+++ b/fstab (on disk)\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
    }

    @Test
    void addedAndRemovedFiles() {
        assertThat(UnifiedDiff.diff("x", null, "1\n")).contains("--- /dev/null").contains("+1");
        assertThat(UnifiedDiff.diff("x", "1\n", null)).contains("+++ /dev/null").contains("-1");
    }

    @Test
    void guestOfAnEventPath() {
        java.nio.file.Path root = java.nio.file.Path.of("/etc/vservers");
        assertThat(TreeWatcher.guestOf(root, root.resolve("g1/rlimits/nproc"))).isEqualTo("g1");
        assertThat(TreeWatcher.guestOf(root, root.resolve(".defaults/context.next"))).isNull();
        assertThat(TreeWatcher.guestOf(root, root.resolve(".vsconsole-new-g2/context"))).isNull();
        assertThat(TreeWatcher.guestOf(root, root)).isNull();
        assertThat(TreeWatcher.guestOf(root, java.nio.file.Path.of("/tmp/x"))).isNull();
    }
}

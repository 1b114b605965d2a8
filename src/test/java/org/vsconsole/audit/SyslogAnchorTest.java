package org.vsconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second anchor: every head the anchor file gets also reaches the system-log command as one
 * argv word (no shell), the newest of a burst at least; with the setting off nothing is run. The
 * command here is a fake {@code logger} that records its arguments; the real {@code logger} is
 * run once as well when it is installed, to show the argv it gets is one it takes.
 */
class SyslogAnchorTest {

    @TempDir
    Path dir;

    @Test
    void eachNewHeadReachesTheSystemLogCommandAsOneArgument() throws Exception {
        Path seen = dir.resolve("seen");
        Path fake = dir.resolve("fake-logger");
        Files.writeString(fake, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> " + seen + "; done\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        AuditAnchor anchor = new AuditAnchor(dir.resolve("audit-anchor"));
        SyslogAnchor second = new SyslogAnchor(List.of(fake.toString(), "-t", "vsconsole-audit", "--"), anchor);
        try {
            anchor.write(41, "a".repeat(64));
            await().atMost(Duration.ofSeconds(10)).until(() -> ("audit head seq=41 hash=" + "a".repeat(64)).equals(second.lastSent()));
            for (int i = 42; i <= 60; i++) {
                anchor.write(i, Integer.toHexString(i).repeat(32));
            }
            String last = "audit head seq=60 hash=" + "3c".repeat(32);
            await().atMost(Duration.ofSeconds(10)).until(() -> last.equals(second.lastSent()));
            List<String> lines = Files.readAllLines(seen);
            assertThat(lines).contains("-t", "vsconsole-audit", "--", "audit head seq=41 hash=" + "a".repeat(64), last);
            assertThat(lines.stream().filter(l -> l.startsWith("audit head")).count()).as("a burst is coalesced").isLessThan(21);
            assertThat(anchor.read()).get().extracting(AuditAnchor.Head::seq).isEqualTo(60L);
        } finally {
            second.stop();
        }
    }

    @Test
    void theRealLoggerTakesTheLine() throws Exception {
        // util-linux's logger is part of every Debian system (bsdutils is essential)
        assertThat(Path.of("/usr/bin/logger")).as("logger").isExecutable();
        AuditAnchor anchor = new AuditAnchor(dir.resolve("audit-anchor"));
        SyslogAnchor second = new SyslogAnchor(SyslogAnchor.LOGGER, anchor);
        try {
            anchor.write(7, "b".repeat(64));
            await().atMost(Duration.ofSeconds(10)).until(() -> second.lastSent() != null);
            assertThat(second.lastSent()).isEqualTo("audit head seq=7 hash=" + "b".repeat(64));
        } finally {
            second.stop();
        }
    }

    @Test
    void offByDefaultNothingIsRun() {
        AuditAnchor anchor = new AuditAnchor(dir.resolve("audit-anchor"));
        SyslogAnchor second = new SyslogAnchor(new AuditProperties(false), anchor);
        anchor.write(1, "c".repeat(64));
        assertThat(second.lastSent()).isNull();
    }
}

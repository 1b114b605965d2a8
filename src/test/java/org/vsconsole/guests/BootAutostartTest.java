package org.vsconsole.guests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Guests marked for the host's marks (here {@code default} and {@code backup}) start when the
 * console comes up on a freshly booted host, in context order, each audited as
 * {@code system (boot)}; a console restart on the same boot starts nothing. The kernel's boot id
 * and the console's note of it are files in a temp directory, so "booted" is decided by the test.
 */
class BootAutostartTest extends GuestsTestBase {

    @Autowired
    BootAutostart autostart;

    @TempDir
    Path dir;

    @Test
    void afterABootTheMarkedGuestsStartInContextOrderAsSystemBoot() throws IOException {
        marked("boot-a", 3103, "default");
        marked("boot-z", 3101, "default");
        marked("boot-m", 3102, "backup");
        marked("boot-o", 3104, "other");
        guest("boot-u", 3100, "10.66.1.100");

        List<String> started = autostart.startMarkedGuestsIfBooted(bootIds("boot-2", "boot-1"));

        assertThat(started.stream().filter(n -> n.startsWith("boot-"))).containsExactly("boot-z", "boot-m", "boot-a");
        assertThat(kernel.calls("start").stream().filter(c -> c.startsWith("start boot-")))
                .containsExactly("start boot-z 3101", "start boot-m 3102", "start boot-a 3103");
        assertThat(kernel.inside(3100)).as("not marked").isEmpty();
        assertThat(kernel.inside(3104)).as("marked for a mark the host does not have").isEmpty();
        for (String guest : List.of("boot-z", "boot-m", "boot-a")) {
            Map<String, Object> row = lastAudit("guest.start", guest);
            assertThat(row.get("actor")).as(guest).isEqualTo("system (boot)");
            assertThat(row.get("outcome")).as(guest).isEqualTo("ok");
        }
        assertThat(Files.readString(dir.resolve("run/boot-id")).strip()).isEqualTo("boot-2");
    }

    @Test
    void aGuestThatFailsToStartIsAuditedAndTheOthersStillStart() {
        marked("bootf-a", 3111, "default");
        marked("bootf-b", 3112, "default");
        marked("bootf-c", 3113, "default");
        kernel.failStartsOf("bootf-b");

        List<String> started = autostart.startMarkedGuestsIfBooted(bootIds("boot-4", "boot-3"));

        assertThat(started).contains("bootf-a", "bootf-c").doesNotContain("bootf-b");
        assertThat(kernel.inside(3113)).contains("bootf-c");
        Map<String, Object> failed = lastAudit("guest.start", "bootf-b");
        assertThat(failed.get("actor")).isEqualTo("system (boot)");
        assertThat(failed.get("outcome")).isEqualTo("failed");
        assertThat((String) failed.get("message")).contains("init exited with status 1");
    }

    @Test
    void aConsoleRestartOnTheSameBootStartsNothing() {
        marked("bootr-a", 3121, "default");

        List<String> started = autostart.startMarkedGuestsIfBooted(bootIds("boot-5", "boot-5"));

        assertThat(started).isEmpty();
        assertThat(kernel.callsFor("bootr-a")).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE target_guest = 'bootr-a' AND action = 'guest.start'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void withoutAnEarlierBootIdNothingStartsAndTheNextBootIsRecognised() {
        marked("bootn-a", 3131, "default");

        assertThat(autostart.startMarkedGuestsIfBooted(bootIds("boot-6", null))).isEmpty();
        assertThat(kernel.inside(3131)).as("a first start cannot be told from a console restart").isEmpty();

        // the id was noted, so the host's next boot is seen as one
        writeKernelBootId("boot-7");
        assertThat(autostart
                .startMarkedGuestsIfBooted(new HostBootId(new org.vsconsole.host.proc.HostProcReader(dir), dir.resolve("run/boot-id"))))
                .contains("bootn-a");
        assertThat(kernel.inside(3131)).contains("bootn-a");
    }

    /** A guest whose {@code apps/init/mark} holds {@code mark}, written by hand as util-vserver admins do. */
    private void marked(String name, int xid, String mark) {
        guest(name, xid, "10.66.1." + (xid - 3000));
        try {
            Path init = Files.createDirectories(writer.reader().configRoot().resolve(name).resolve("apps/init"));
            Files.writeString(init.resolve("mark"), mark + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The kernel's boot id now, and the one the console noted at its last start (null: none). */
    private HostBootId bootIds(String kernel, String recorded) {
        writeKernelBootId(kernel);
        try {
            if (recorded != null) {
                Files.createDirectories(dir.resolve("run"));
                Files.writeString(dir.resolve("run/boot-id"), recorded + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HostBootId(new org.vsconsole.host.proc.HostProcReader(dir), dir.resolve("run/boot-id"));
    }

    private void writeKernelBootId(String id) {
        try {
            Files.createDirectories(dir.resolve("sys/kernel/random"));
            Files.writeString(dir.resolve("sys/kernel/random/boot_id"), id + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

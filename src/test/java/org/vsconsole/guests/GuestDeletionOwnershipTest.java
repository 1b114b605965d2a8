package org.vsconsole.guests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.vsconsole.base.ActionRefusedException;
import org.vsconsole.host.HostProperties;

/**
 * Deleting a guest removes only what is the guest's own. The attack that found this: a guest
 * directory copied by hand keeps its {@code vdir} link, and deleting the copy wiped the first
 * guest's root tree. Now such a delete (of the copy, unmanaged, or of the original, managed), and
 * one whose {@code vdir} points outside the guests root, is refused naming the reason, audited as
 * denied, and leaves both config and root where they were.
 */
@WithMockUser(username = "admin", roles = "ADMIN")
class GuestDeletionOwnershipTest extends GuestsTestBase {

    @Autowired
    GuestService guests;

    @Autowired
    HostProperties host;

    @Test
    void aHandCopyWhoseVdirNamesTheFirstGuestsRootIsNotDeletedNorIsTheOriginal() throws IOException {
        guest("orig-d", 4601, "10.71.0.1");
        Path marker = rootWithMarker("orig-d");
        handCopy("orig-d", "copy-d", "10.71.0.2");
        Files.writeString(configDir("copy-d").resolve("context"), "4602\n");
        sampler.treeChanged();

        assertThatThrownBy(() -> guests.delete("copy-d", "copy-d")).isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining("is also the root of guest 'orig-d'");
        assertThatThrownBy(() -> guests.delete("orig-d", "orig-d")).isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining("is also the root of guest 'copy-d'");

        assertThat(marker).as("the first guest's tree is untouched").exists();
        assertThat(configDir("copy-d")).isDirectory();
        assertThat(configDir("orig-d")).isDirectory();
        assertThat(kernel.callsFor("copy-d")).doesNotContain("deleteRoot copy-d 4602");
        assertThat(kernel.callsFor("orig-d")).doesNotContain("deleteRoot orig-d 4601");
        Map<String, Object> row = lastAudit("guest.delete", "copy-d");
        assertThat(row.get("outcome")).isEqualTo("denied");
        assertThat((String) row.get("message")).contains("also the root of guest 'orig-d'");
    }

    @Test
    void aRootOutsideTheGuestsRootIsRefused() throws IOException {
        guest("stray-d", 4603, "10.71.0.3");
        Path elsewhere = Files.createTempDirectory("not-a-guest");
        Files.writeString(elsewhere.resolve("precious"), "x");
        Path vdir = configDir("stray-d").resolve("vdir");
        Files.delete(vdir);
        Files.createSymbolicLink(vdir, elsewhere);
        sampler.treeChanged();

        assertThatThrownBy(() -> guests.delete("stray-d", "stray-d")).isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining("is not inside the guests root");
        assertThat(elsewhere.resolve("precious")).exists();
        assertThat(configDir("stray-d")).isDirectory();
        assertThat(lastAudit("guest.delete", "stray-d").get("outcome")).isEqualTo("denied");
    }

    @Test
    void aRootNestedInAnotherGuestsRootIsRefused() throws IOException {
        guest("outer-d", 4604, "10.71.0.4");
        rootWithMarker("outer-d");
        guest("inner-d", 4605, "10.71.0.5");
        Path vdir = configDir("inner-d").resolve("vdir");
        Files.delete(vdir);
        Files.createSymbolicLink(vdir, host.guestsRoot().resolve("outer-d").resolve("srv"));
        sampler.treeChanged();

        assertThatThrownBy(() -> guests.delete("outer-d", "outer-d")).isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining("holds the root of guest 'inner-d'");
        assertThatThrownBy(() -> guests.delete("inner-d", "inner-d")).isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining("lies inside the root of guest 'outer-d'");
    }

    @Test
    void aGuestWithItsOwnRootIsStillDeleted() throws IOException {
        guest("solo-d", 4606, "10.71.0.6");
        rootWithMarker("solo-d");

        guests.delete("solo-d", "solo-d");

        assertThat(kernel.callsFor("solo-d")).contains("deleteRoot solo-d 4606");
        assertThat(configDir("solo-d")).doesNotExist();
        assertThat(lastAudit("guest.delete", "solo-d").get("outcome")).isEqualTo("ok");
    }

    private Path rootWithMarker(String guest) throws IOException {
        Path root = host.guestsRoot().resolve(guest);
        Files.createDirectories(root.resolve("etc"));
        return Files.writeString(root.resolve("etc/marker"), guest);
    }

    private Path configDir(String guest) {
        return writer.reader().configRoot().resolve(guest);
    }
}

package org.vsconsole.host.vserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostOperationException;

class VserverDeleteRootTest {

    @TempDir
    Path temp;

    @Test
    void driverRefusesToDeleteTheRootOfARunningGuest() throws IOException {
        FakeUtilVserver fake = new FakeUtilVserver(temp.resolve("fake"));
        Path root = Files.createDirectories(temp.resolve("vservers/web1"));
        Files.writeString(temp.resolve("fake/mountinfo"), "");
        GuestSpec web1 = FakeUtilVserver.guest("web1", 40001, root);
        VserverDriver driver = fake.driver(CommandTimeouts.all(Duration.ofSeconds(10)));
        fake.markRunning("web1");

        assertThatThrownBy(() -> driver.deleteRoot(web1)).isInstanceOf(HostOperationException.class)
                .hasMessageContaining("is running");
        assertThat(root).isDirectory();

        Files.delete(temp.resolve("fake/state/web1"));
        driver.deleteRoot(web1);
        assertThat(root).doesNotExist();
    }
}

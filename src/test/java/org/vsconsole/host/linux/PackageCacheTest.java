package org.vsconsole.host.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsconsole.host.HostAptSources;

class PackageCacheTest {

    @Test
    void listensOnlyOnTheGatewayAndFetchesFromTheHostsOwnMirrors(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("apt"));
        Files.writeString(dir.resolve("apt/sources.list"), """
                deb http://mirror.example/debian bookworm main
                deb http://mirror.example/debian-security bookworm-security main
                """);
        PackageCache cache = new PackageCache(dir.resolve("run"), dir.resolve("cache"), "10.88.0.1", 3142,
                new HostAptSources(dir.resolve("apt")));

        String config = cache.config();

        assertThat(cache.proxyUrl()).isEqualTo("http://10.88.0.1:3142/");
        assertThat(config).contains("BindAddress: 10.88.0.1\n").contains("Port: 3142\n")
                .contains("CacheDir: " + dir.resolve("cache") + "\n")
                .contains("Remap-debrep: file:deb_mirror*.gz /debian ; http://mirror.example/debian/\n")
                .contains("; http://mirror.example/debian-security/\n");
    }
}

package org.vsconsole.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostAptSourcesTest {

    @Test
    void readsTheHostsDebianAndSecurityMirrorsFromDeb822Sources(@TempDir Path apt) throws Exception {
        Files.createDirectories(apt.resolve("sources.list.d"));
        // the stanza of this build machine's own /etc/apt/sources.list.d/debian.sources
        Files.writeString(apt.resolve("sources.list.d/debian.sources"), """
                Types: deb
                # http://snapshot.debian.org/archive/debian/20250520T000000Z
                URIs: http://mirror.example.org/debian
                Suites: bookworm bookworm-updates
                Components: main
                Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

                Types: deb
                URIs: http://mirror.example.org/debian-security
                Suites: bookworm-security
                Components: main
                """);
        Files.writeString(apt.resolve("sources.list.d/nodesource.sources"), """
                Types: deb
                URIs: https://deb.nodesource.com/node_20.x
                Suites: nodistro
                """);

        HostAptSources sources = new HostAptSources(apt);

        assertThat(sources.debianMirror()).isEqualTo("http://mirror.example.org/debian");
        assertThat(sources.debianSecurityMirror()).isEqualTo("http://mirror.example.org/debian-security");
    }

    @Test
    void readsTheOneLineFormatAndSkipsHttpsDisabledAndCommentedEntries(@TempDir Path apt) throws Exception {
        Files.writeString(apt.resolve("sources.list"), """
                # deb http://commented.example/debian bookworm main
                deb https://secure.example/debian bookworm main
                deb-src http://src.example/debian bookworm main
                deb [arch=amd64 signed-by=/k.gpg] http://ftp.example.net/debian/ bookworm main contrib
                """);
        Files.createDirectories(apt.resolve("sources.list.d"));
        Files.writeString(apt.resolve("sources.list.d/off.sources"), """
                Types: deb
                Enabled: no
                URIs: http://disabled.example/debian-security
                Suites: bookworm-security
                """);

        HostAptSources sources = new HostAptSources(apt);

        assertThat(sources.debianMirror()).isEqualTo("http://ftp.example.net/debian");
        assertThat(sources.debianSecurityMirror()).isEqualTo(HostAptSources.DEBIAN_SECURITY_DEFAULT);
    }

    @Test
    void fallsBackToDebiansOwnRedirectorWithoutSources(@TempDir Path apt) {
        HostAptSources sources = new HostAptSources(apt.resolve("missing"));

        assertThat(sources.debianMirror()).isEqualTo("http://deb.debian.org/debian");
        assertThat(sources.debianSecurityMirror()).isEqualTo("http://deb.debian.org/debian-security");
    }
}

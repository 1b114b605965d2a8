package org.vsconsole.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.junit.jupiter.api.Test;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.BuildRequest;
import org.vsconsole.host.HostAptSources;
import tools.jackson.databind.json.JsonMapper;

class BuildOptionsValidatorTest {

    private static final String ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f admin@example";
    private final BuildOptionsValidator options = new BuildOptionsValidator(new HostAptSources(Path.of("/nonexistent")),
            List.of("bookworm", "trixie"));

    private static void refused(Runnable check, String field, String rule) {
        assertThatThrownBy(check::run).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.rule()).contains(rule);
        });
    }

    @Test
    void suitesComeFromTheAllowListAndWhatThisHostCanBuild() {
        assertThat(options.dist("bookworm")).isEqualTo("bookworm");
        refused(() -> options.dist("bookworm --foreign"), "build.dist", "supported suites");
        refused(() -> options.dist("-bookworm"), "build.dist", "supported suites");
        refused(() -> options.dist("focal"), "build.dist", "supported suites");
        refused(() -> options.dist("noble"), "build.dist", "cannot build 'noble'");
        refused(() -> options.dist(""), "build.dist", "choose a distribution");
    }

    @Test
    void theMirrorDefaultsToTheHostsAndMustBePlainHttp() {
        assertThat(options.mirror(null, "bookworm")).isEqualTo("http://deb.debian.org/debian");
        assertThat(options.mirror("http://ftp.de.debian.org/debian/", "bookworm")).isEqualTo("http://ftp.de.debian.org/debian");
        for (String hostile : List.of("https://deb.debian.org/debian", "ftp://deb.debian.org/debian",
                "http://deb.debian.org/debian --keyring=/tmp/k", "http://user:pw@evil.example/debian",
                "http://evil.example/debian?x=1", "file:///etc", "-http://x", "http://deb.debian.org/debian\nfoo")) {
            refused(() -> options.mirror(hostile, "bookworm"), "build.mirror", "http://");
        }
    }

    @Test
    void theRootPasswordBecomesASha512CryptHashThatVerifies() {
        String hash = BuildOptionsValidator.passwordHash("correct horse battery");

        assertThat(hash).startsWith("$6$rounds=100000$").doesNotContain("correct horse");
        assertThat(Sha2Crypt.sha512Crypt("correct horse battery".getBytes(StandardCharsets.UTF_8), hash)).isEqualTo(hash);
        assertThat(BuildOptionsValidator.passwordHash("correct horse battery")).isNotEqualTo(hash); // salted
        refused(() -> BuildOptionsValidator.passwordHash("short"), "build.rootPassword", "8 to 128");
        refused(() -> BuildOptionsValidator.passwordHash("line one\nroot::0:0:::"), "build.rootPassword", "control");
    }

    @Test
    void sshKeysMustBePlainOpenSshPublicKeys() {
        assertThat(BuildOptionsValidator.sshKeys(ED25519 + "\n\n" + ED25519.replace("admin", "ops")))
                .hasSize(2).first().isEqualTo(ED25519);
        refused(() -> BuildOptionsValidator.sshKeys("command=\"/bin/sh\" " + ED25519), "build.sshKeys", "line 1");
        refused(() -> BuildOptionsValidator.sshKeys("-----BEGIN OPENSSH PRIVATE KEY-----"), "build.sshKeys", "line 1");
        // an ed25519 blob announced as rsa: a key pasted wrong
        refused(() -> BuildOptionsValidator.sshKeys(ED25519.replace("ssh-ed25519", "ssh-rsa")), "build.sshKeys", "");
        refused(() -> BuildOptionsValidator.sshKeys(ED25519 + "\rmalicious"), "build.sshKeys", "line 2");
    }

    @Test
    void packagesAreDebianNamesAndOnlyForDebianBuilds() {
        assertThat(BuildOptionsValidator.packages(List.of("openssh-server", "libc6", "g++", "hello", "hello"),
                BuildRequest.Method.DEBOOTSTRAP)).containsExactly("openssh-server", "libc6", "g++", "hello");
        for (String hostile : List.of("-oDpkg::Pre-Invoke::=id", "hello;id", "Hello", "a", "hello world", "../x")) {
            refused(() -> BuildOptionsValidator.packages(List.of(hostile), BuildRequest.Method.DEBOOTSTRAP),
                    "build.packages", "Debian package name");
        }
        refused(() -> BuildOptionsValidator.packages(List.of("hello"), BuildRequest.Method.SKELETON), "build.packages",
                "only in a Debian build");
    }

    @Test
    void thePostInstallCommandIsBoundedText() {
        assertThat(BuildOptionsValidator.postInstall("  apt-get -y install nginx\n\tsystemctl enable nginx  "))
                .isEqualTo("apt-get -y install nginx\n\tsystemctl enable nginx");
        refused(() -> BuildOptionsValidator.postInstall("echo\0x"), "build.postInstall", "control");
        refused(() -> BuildOptionsValidator.postInstall("x".repeat(4097)), "build.postInstall", "4096");
    }

    @Test
    void theClearPasswordNeverReachesTheAuditJsonOrToString() throws Exception {
        CreateGuestRequest.Build build = new CreateGuestRequest.Build("debootstrap", null, "bookworm", null,
                "Sup3r-secret-pw", ED25519, List.of("hello"), "id");

        String json = JsonMapper.builder().build().writeValueAsString(build);

        assertThat(json).doesNotContain("Sup3r-secret-pw").contains("\"rootPasswordSet\":true");
        assertThat(build.toString()).doesNotContain("Sup3r-secret-pw");
        assertThat(options.setup(build, BuildRequest.Method.DEBOOTSTRAP).toString()).doesNotContain("$6$");
    }
}

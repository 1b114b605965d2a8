package org.vsconsole.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.BuildRequest;
import org.vsconsole.host.LimitValues;

/**
 * Every field of a creation request against hostile values: each refusal names the request's
 * field and the rule, and validation never creates anything on disk.
 */
class GuestRequestValidatorTest {

    @TempDir
    Path dir;

    ProvisioningFixtures.Host host;
    GuestRequestValidator validator;

    @BeforeEach
    void tree() throws IOException {
        host = new ProvisioningFixtures.Host(dir).guest("web1", 40000, "10.88.0.2").guest("db1", 40001, "10.88.0.3");
        validator = host.validator("10.88.0.0/24");
    }

    static CreateGuestRequest request(String name) {
        return new CreateGuestRequest(name, null, null, null, null, null, null, null, false, Map.of());
    }

    static CreateGuestRequest with(String field, String value) {
        String name = "app1";
        return switch (field) {
            case "name" -> request(value);
            case "hostname" -> new CreateGuestRequest(name, value, null, null, null, null, null, null, false, Map.of());
            case "domain" -> new CreateGuestRequest(name, null, value, null, null, null, null, null, false, Map.of());
            case "ip" -> new CreateGuestRequest(name, null, null, value, null, null, null, null, false, Map.of());
            case "prefix" -> new CreateGuestRequest(name, null, null, "10.88.0.50", value, null, null, null, false, Map.of());
            case "interface" -> new CreateGuestRequest(name, null, null, null, null, value, null, null, false, Map.of());
            case "context" -> new CreateGuestRequest(name, null, null, null, null, null, value, null, false, Map.of());
            default -> throw new IllegalArgumentException(field);
        };
    }

    void refused(CreateGuestRequest r, String field, String ruleFragment) throws IOException {
        List<String> before = host.entries();
        assertThatThrownBy(() -> validator.validate(r))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.rule()).containsIgnoringCase(ruleFragment);
                });
        assertThat(host.entries()).isEqualTo(before);
    }

    @Test
    void defaultsAreChosenFromTheTree() {
        ValidatedGuest g = validator.validate(request("app1"));
        assertThat(g.hostname()).isEqualTo("app1");
        assertThat(g.xid()).isEqualTo(40002);
        assertThat(g.ip()).isEqualTo("10.88.0.4");
        assertThat(g.prefix()).isEqualTo(24);
        assertThat(g.device()).isEqualTo("eth0");
        assertThat(g.build()).isEqualTo(BuildRequest.skeleton());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "-rf", ".defaults", "..", ".", "", "Web1", "a/b", "x y", "lost+found", "web1\n",
            "\u0661\u0662", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void hostileNamesAreRefused(String name) throws IOException {
        refused(request(name), "name", "");
    }

    @Test
    void takenAndReservedNamesAreRefused() throws IOException {
        refused(request("web1"), "name", "already exists");
        refused(request("new"), "name", "reserved");
        Files.createDirectories(host.guestsRoot.resolve("orphan"));
        refused(request("orphan"), "name", "root directory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-host", "a..b", "host.", "h_st", "ex ample", "\u0663"})
    void hostileHostnamesAreRefused(String value) throws IOException {
        refused(with("hostname", value), "hostname", "");
    }

    @Test
    void aNameThatIsNoHostnameNeedsAnExplicitHostname() throws IOException {
        refused(request("my_guest"), "hostname", "RFC 1123");
        assertThat(validator.validate(new CreateGuestRequest("my_guest", "my-guest", null, null, null, null, null, null,
                false, Map.of())).hostname()).isEqualTo("my-guest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-example.com", "exa mple.com", "example.com."})
    void hostileDomainsAreRefused(String value) throws IOException {
        refused(with("domain", value), "domain", "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"010.1.1.1", "example.com", "1.2.3.4/33", "1.2.3.4/24", "1.2.3", "256.1.1.1", "fe80::1%eth0",
            " 10.88.0.9", "\u0661.2.3.4"})
    void hostileAddressesAreRefused(String value) throws IOException {
        refused(with("ip", value), "ip", "IPv4");
    }

    /** Attack findings: these were accepted and written to a guest's tree. */
    @ParameterizedTest
    @ValueSource(strings = {"10.88.0.0", "10.88.0.255", "127.0.0.1", "224.0.0.1", "239.1.2.3", "169.254.1.1", "0.0.0.0",
            "255.255.255.255", "240.0.0.1", "::", "::1", "ff02::1", "fe80::1"})
    void specialAddressesAreRefusedNamingWhy(String value) throws IOException {
        refused(with("ip", value), "ip", "cannot be a guest's");
    }

    /** Refused above by default; accepted with {@code vsconsole.provisioning.allow-link-local=true}. */
    @Test
    void linkLocalAddressesAreAcceptedOnlyWhenAllowed() throws IOException {
        GuestRequestValidator allowing = host.validator("10.88.0.0/24", true);
        assertThat(allowing.validate(new CreateGuestRequest("app1", null, null, "169.254.7.9", "16", null, null, null, false,
                Map.of())).ip()).isEqualTo("169.254.7.9");
        assertThat(allowing.validate(new CreateGuestRequest("app1", null, null, "fe80::9", "64", null, null, null, false,
                Map.of())).ip()).isEqualTo("fe80::9");
        refused(new CreateGuestRequest("app1", null, null, "169.254.7.9", "16", null, null, null, false, Map.of()), "ip",
                "169.254.0.0/16 is link-local");
    }

    @Test
    void theNetworkAndBroadcastFollowThePrefix() throws IOException {
        refused(new CreateGuestRequest("app1", null, null, "10.89.0.64", "26", null, null, null, false, Map.of()), "ip",
                "network address of its /26");
        refused(new CreateGuestRequest("app1", null, null, "10.89.0.127", "26", null, null, null, false, Map.of()), "ip",
                "broadcast address of its /26");
        assertThat(validator.validate(new CreateGuestRequest("app1", null, null, "10.89.0.127", "24", null, null, null, false,
                Map.of())).ip()).isEqualTo("10.89.0.127");
        assertThat(validator.validate(new CreateGuestRequest("app1", null, null, "10.89.0.1", "32", null, null, null, false,
                Map.of())).prefix()).isEqualTo(32);
    }

    @Test
    void anAddressHeldByAnotherGuestIsRefusedNamingTheHolder() throws IOException {
        refused(with("ip", "10.88.0.3"), "ip", "guest 'db1'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"33", "-1", "+24", "024", "0x18", "twenty"})
    void hostilePrefixesAreRefused(String value) throws IOException {
        refused(with("prefix", value), "prefix", "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-eth0", "eth0;reboot", "eth 0", "averyveryverylongname", "../eth0"})
    void hostileInterfacesAreRefused(String value) throws IOException {
        refused(with("interface", value), "interface", "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+5", "0x10", "\u0663", "49152", "1", "0", "-40000", "040000", "40000.0", " 40005", "99999999999999999999"})
    void hostileContextsAreRefused(String value) throws IOException {
        refused(with("context", value), "context", "");
    }

    @Test
    void aContextHeldByAnotherGuestIsRefusedNamingTheHolder() throws IOException {
        refused(with("context", "40001"), "context", "guest 'db1'");
    }

    @Test
    void buildMethodsAreCheckedWithTheirOwnFields() throws IOException {
        refused(build("rsync", null, null, null), "build.method", "skeleton, clone or debootstrap");
        refused(build("clone", "nonexistent", null, null), "build.source", "no guest 'nonexistent'");
        refused(build("clone", "../web1", null, null), "build.source", "");
        refused(build("clone", null, null, null), "build.source", "choose");
        refused(build("clone", "app1", null, null), "build.source", "itself");
        refused(build("debootstrap", null, null, null), "build.dist", "choose a distribution");
        refused(build("debootstrap", null, "-bookworm", null), "build.dist", "");
        refused(build("debootstrap", null, "bookworm", "ftp://deb.debian.org/debian"), "build.mirror", "http");
        refused(build("debootstrap", null, "bookworm", "http://deb.debian.org/debian --keyring=/x"), "build.mirror", "");
        refused(build("debootstrap", null, "bookworm", "http://user@evil/debian"), "build.mirror", "");

        assertThat(validator.validate(build("clone", "web1", null, null)).build())
                .isEqualTo(new BuildRequest(BuildRequest.Method.CLONE, "web1", null, null));
        assertThat(validator.validate(build("debootstrap", null, "bookworm", "http://deb.debian.org/debian")).build())
                .isEqualTo(new BuildRequest(BuildRequest.Method.DEBOOTSTRAP, null, "bookworm", "http://deb.debian.org/debian"));
    }

    @Test
    void limitsAreCheckedByNameAndValue() throws IOException {
        refused(limits(Map.of("nosuch", new CreateGuestRequest.Limit("1", "1"))), "limits", "unknown limit");
        refused(limits(Map.of("nproc", new CreateGuestRequest.Limit("+5", null))), "limits.nproc", "");
        refused(limits(Map.of("nproc", new CreateGuestRequest.Limit("200", "100"))), "limits.nproc", "exceeds");
        refused(limits(Map.of("rss", new CreateGuestRequest.Limit("\u0663", null))), "limits.rss", "");

        ValidatedGuest g = validator.validate(limits(Map.of("nproc", new CreateGuestRequest.Limit("100", null),
                "rss", new CreateGuestRequest.Limit("25600", "inf"))));
        assertThat(g.limits()).containsEntry("nproc", LimitValues.both(100))
                .containsEntry("rss", new LimitValues(25600, LimitValues.UNLIMITED));
    }

    private static CreateGuestRequest build(String method, String source, String dist, String mirror) {
        return new CreateGuestRequest("app1", null, null, null, null, null, null,
                new CreateGuestRequest.Build(method, source, dist, mirror), false, Map.of());
    }

    private static CreateGuestRequest limits(Map<String, CreateGuestRequest.Limit> limits) {
        return new CreateGuestRequest("app1", null, null, null, null, null, null, null, false, limits);
    }
}

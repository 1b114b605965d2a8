package org.vsconsole.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vsconsole.base.InvalidInputException;

/** What an admin may type when adding a host; each refusal names its field and the rule. */
class HostFieldsTest {

    @ParameterizedTest
    @ValueSource(strings = {"b", "host2", "web-eu-1", "a2345678901234567890123456789012"})
    void hostNamesThatAreAccepted(String name) {
        assertThat(HostFields.name(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "local", "Host", "2host", "-x", "x-", "a b", "../etc", "h;rm", "a23456789012345678901234567890123",
            "hö"})
    void hostNamesThatAreRefused(String name) {
        assertThatThrownBy(() -> HostFields.name(name)).isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "192.168.10.254", "host.example.org", "h2", "::1", "fe80::1", "2001:db8::7"})
    void addressesThatAreAccepted(String address) {
        assertThat(HostFields.address(address)).isEqualTo(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-oProxyCommand=sh", "256.1.1.1", "1.2.3", "a b", "host_1.example", "x;id", "user@host",
            "[::1]", ":::", "1.2.3.4:22", ".example.org", "example..org"})
    void addressesThatAreRefused(String address) {
        assertThatThrownBy(() -> HostFields.address(address)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("address");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536})
    void portsOutOfRangeAreRefused(int port) {
        assertThatThrownBy(() -> HostFields.port(port)).isInstanceOf(InvalidInputException.class).hasMessageContaining("port");
        assertThat(HostFields.port(22)).isEqualTo(22);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Root", "-root", "1x", "a b", "root;id", "a234567890123456789012345678901234"})
    void loginNamesThatAreRefused(String user) {
        assertThatThrownBy(() -> HostFields.user(user)).isInstanceOf(InvalidInputException.class).hasMessageContaining("user");
        assertThat(HostFields.user("vsconsole_agent")).isEqualTo("vsconsole_agent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "SHA256:short", "MD5:aa:bb", "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!"})
    void fingerprintsThatAreRefused(String fingerprint) {
        assertThatThrownBy(() -> HostFields.fingerprint(fingerprint)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("fingerprint");
        String real = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8";
        assertThat(HostFields.fingerprint(real)).isEqualTo(real);
    }
}

package org.vsconsole.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.LimitValues;

class HostGrammarTest {

    @ParameterizedTest
    @ValueSource(strings = {"web1", "a", "0", "db-2.prod_x", "a23456789012345678901234567890123456789012345678901234567890123"})
    void acceptsGuestNames(String name) {
        assertThat(HostGrammar.guestName(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", ".defaults", "lost+found", "../x", "a/b", "/etc", "a;rm -rf /", "$(id)", "`id`",
            "-rf", "--help", "a b", "a\tb", "a\n", "a\r", "a\0", "%2e%2e%2f", "Web1", "wеb1" /* Cyrillic e */,
            "a\u202eb", "e\u0301", "a／b", "😀", ".hidden", "_x",
            "a234567890123456789012345678901234567890123456789012345678901234"})
    void refusesHostileGuestNames(String name) {
        assertThatThrownBy(() -> HostGrammar.guestName(name)).isInstanceOf(InvalidInputException.class)
                .extracting("field").isEqualTo("guest name");
    }

    @Test
    void contextIdBoundaries() {
        assertThat(HostGrammar.contextId("2")).isEqualTo(2);
        assertThat(HostGrammar.contextId("49151")).isEqualTo(49151);
        for (String bad : List.of("1", "49152", "0", "-1", "+5", "05", "2.0", "0x10", " 5", "5 ", "2147483648",
                "99999999999999999999", "٥", "５", "٣", "")) {
            assertThatThrownBy(() -> HostGrammar.contextId(bad)).as(bad).isInstanceOf(InvalidInputException.class)
                    .extracting("field").isEqualTo("context");
        }
        assertThatThrownBy(() -> HostGrammar.contextId("05")).hasMessageContaining("octal");
    }

    @Test
    void ipLiteralsAreStrict() {
        for (String ok : List.of("192.0.2.10", "0.0.0.0", "255.255.255.255", "::1", "::", "fe80::1", "2001:db8::a:b",
                "2001:0db8:0000:0000:0000:0000:0000:0001", "::ffff:192.0.2.1", "1:2:3:4:5:6:7:8", "1::8")) {
            assertThat(HostGrammar.ipAddress(ok).text()).isEqualTo(ok);
        }
        for (String bad : List.of("256.1.1.1", "1.2.3", "1", "10.1", "01.2.3.4", "1.2.3.04", "1.2.3.4/33", " 1.2.3.4",
                "1.2.3.4\n", "example.com", "localhost", "fe80::1%eth0", "1:2:3:4:5:6:7:8:9", "1::2::3", ":::",
                "12345::", "1.2.3.4.5", "١.٢.٣.٤", "-1.2.3.4", "::g", "1:2:3:4:5:6:7::8:9", "")) {
            assertThatThrownBy(() -> HostGrammar.ipAddress(bad)).as(bad).isInstanceOf(InvalidInputException.class);
        }
        assertThat(HostGrammar.ipAddress("::1").sameAddress(HostGrammar.ipAddress("0:0::0:1"))).isTrue();
    }

    @Test
    void prefixesMasksDevicesAndNames() {
        assertThat(HostGrammar.prefix(32, false)).isEqualTo(32);
        assertThat(HostGrammar.prefix(128, true)).isEqualTo(128);
        assertThatThrownBy(() -> HostGrammar.prefix(33, false)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> HostGrammar.prefix(-1, true)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> HostGrammar.prefix("024", false)).isInstanceOf(InvalidInputException.class);
        assertThat(HostGrammar.netmask("255.255.255.0")).isEqualTo("255.255.255.0");
        assertThatThrownBy(() -> HostGrammar.netmask("255.0.255.0")).isInstanceOf(InvalidInputException.class);
        assertThat(HostGrammar.deviceName("eth0.100")).isEqualTo("eth0.100");
        assertThat(HostGrammar.deviceName("br-lan:1")).isEqualTo("br-lan:1");
        for (String bad : List.of("-eth0", "--help", "eth 0", "eth0/x", "1234567890123456", "", "eth0\n")) {
            assertThatThrownBy(() -> HostGrammar.deviceName(bad)).as(bad).isInstanceOf(InvalidInputException.class);
        }
        assertThat(HostGrammar.nodename("web1")).isEqualTo("web1");
        assertThat(HostGrammar.domainname("example.com")).isEqualTo("example.com");
        for (String bad : List.of("-web", "web-", "a..b", "a_b", "exa mple", "ex.com.", "", "x".repeat(65), "a".repeat(64) + ".b")) {
            assertThatThrownBy(() -> HostGrammar.domainname(bad)).as(bad).isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void limitNamesAndValues() {
        assertThat(HostGrammar.limitName("nproc")).isEqualTo(KnownLimit.NPROC);
        for (String bad : List.of("../../etc/x", "NPROC", "nproc.soft", "sigpending", "", "nproc\n")) {
            assertThatThrownBy(() -> HostGrammar.limitName(bad)).as(bad).isInstanceOf(InvalidInputException.class);
        }
        assertThat(HostGrammar.limitValue(KnownLimit.NPROC, "150")).isEqualTo(150);
        assertThat(HostGrammar.limitValue(KnownLimit.NPROC, "inf")).isEqualTo(LimitValues.UNLIMITED);
        assertThat(HostGrammar.limitValue(KnownLimit.RSS, "unlimited")).isEqualTo(LimitValues.UNLIMITED);
        for (String bad : List.of("-1", "1.5", "1e9", "9223372036854775808", "18446744073709551616", "+1", "٣", "", " 1",
                "010", "0x10", "1K", "5000000", "infinity")) {
            assertThatThrownBy(() -> HostGrammar.limitValue(KnownLimit.NPROC, bad)).as(bad)
                    .isInstanceOf(InvalidInputException.class);
        }
        HostGrammar.softNotAboveHard(KnownLimit.RSS, 10, 20);
        HostGrammar.softNotAboveHard(KnownLimit.RSS, 10, LimitValues.UNLIMITED);
        assertThatThrownBy(() -> HostGrammar.softNotAboveHard(KnownLimit.RSS, 30, 20)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> HostGrammar.softNotAboveHard(KnownLimit.RSS, LimitValues.UNLIMITED, 20))
                .isInstanceOf(InvalidInputException.class);
        assertThat(KnownLimit.RSS.unit()).isEqualTo("pages");
    }

    @Test
    void diskLimitFieldsAndTmpfsSizes() {
        Path root = Path.of("/var/lib/vservers/web1");
        assertThat(HostGrammar.diskLimitDirectory("/var/lib/vservers/web1", root)).isNotNull();
        assertThat(HostGrammar.diskLimitDirectory("/var/lib/vservers/web1/var", root)).isNotNull();
        for (String bad : List.of("var", "/var/lib/vservers/web1/../web2", "/var/lib/vservers/web2", "/etc",
                "/var/lib/vservers/web1/./x", "/var/lib/vservers//web1", "/var/lib/vservers/web1\n", "-x")) {
            assertThatThrownBy(() -> HostGrammar.diskLimitDirectory(bad, root)).as(bad).isInstanceOf(InvalidInputException.class);
        }
        assertThatThrownBy(() -> HostGrammar.diskLimitTotal("space_total", -1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> HostGrammar.diskLimitReserved(101)).isInstanceOf(InvalidInputException.class);
        assertThat(HostGrammar.tmpfsSize("256m")).isEqualTo("256m");
        assertThat(HostGrammar.tmpfsSize("1g")).isEqualTo("1g");
        for (String bad : List.of("16M", "-1m", "50%", "016m", "1.5g", "", "1t", "16m,mode=777", "0")) {
            assertThatThrownBy(() -> HostGrammar.tmpfsSize(bad)).as(bad).isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void driversPassOnWhatAHandEditedTreeMayHoldButNeverAnOptionOrUnlimited() {
        assertThat(List.of("256m", "1G", "50%", "1048576")).allMatch(HostGrammar::isTmpfsSizeOption);
        assertThat(List.of("0", "-1m", "64m,exec", "64m /etc", "", "016m")).noneMatch(HostGrammar::isTmpfsSizeOption);
        assertThat(HostGrammar.isTmpfsSizeOption(null)).isFalse();

        assertThat(List.of("web1", "Web-1", "a".repeat(64))).allMatch(HostGrammar::isHostGuestName);
        assertThat(List.of("-web1", "..", ".defaults", "web/1", "a".repeat(65), "")).noneMatch(HostGrammar::isHostGuestName);
        assertThat(HostGrammar.isGuestName("Web-1")).as("the console itself makes lower-case names only").isFalse();
    }

    @Test
    void fileValueParserFollowsUtilVserver() {
        assertThat(LimitValueParser.parseFileValue("010")).hasValue(8);
        assertThat(LimitValueParser.parseFileValue("0x10")).hasValue(16);
        assertThat(LimitValueParser.parseFileValue("1M")).hasValue(1_048_576);
        assertThat(LimitValueParser.parseFileValue("1K")).hasValue(1024);
        assertThat(LimitValueParser.parseFileValue("1k")).hasValue(1000);
        assertThat(LimitValueParser.parseFileValue("1m")).hasValue(1_000_000);
        assertThat(LimitValueParser.parseFileValue("inf")).hasValue(LimitValues.UNLIMITED);
        assertThat(LimitValueParser.parseFileValue("0")).hasValue(0);
        assertThat(LimitValueParser.parseFileValue("2G")).isEmpty();
        assertThat(LimitValueParser.parseFileValue("09")).isEmpty();
        assertThat(LimitValueParser.parseFileValue("")).isEmpty();
        assertThat(LimitValueParser.parseFileValue("12 ")).isEmpty();
    }
}

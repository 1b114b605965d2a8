package org.vsconsole.host.vserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.vsconsole.host.GuestProcess;

class VpsParserTest {

    static final long NOW = 1_700_000_000_000L;
    final VpsParser parser = new VpsParser(NOW);

    @Test
    void readsTheReferenceLayoutAndMatchesByXid() {
        String output = """
                  PID CONTEXT             USER         VSZ   RSS     TIME     ELAPSED COMMAND
                    1     0 MAIN          root      168000 12000 00:00:09  3-01:02:03 /sbin/init
                 2210 40001 web1          root        4500  1200 1-00:00:01    01:02:03 /sbin/init
                 2388 40001 web1          www-data  250000 30000 01:02:03       10:00 apache2 -k start
                """;

        VpsParser.Result result = parser.parse(output, 40001);

        assertThat(result.skippedRows()).isZero();
        assertThat(result.processes()).containsExactly(
                new GuestProcess(2210, 0, "root", 4500L * 1024, 1200L * 1024, (86_400 + 1) * 1000L,
                        NOW - (3600 + 120 + 3) * 1000L, "/sbin/init"),
                new GuestProcess(2388, 0, "www-data", 250000L * 1024, 30000L * 1024, 3723_000L, NOW - 600_000L,
                        "apache2 -k start"));
    }

    @Test
    void emptyGuestNameAndWidePidsStillParse() {
        String output = """
                      PID CONTEXT             USER         VSZ   RSS     TIME     ELAPSED COMMAND
                  4194301 40001               root        4500  1200 00:00:01       00:01 /bin/x
                """;

        assertThat(parser.parse(output, 40001).processes()).extracting(GuestProcess::pid).containsExactly(4194301);
    }

    @Test
    void leadingNoiseBeforeTheHeaderIsIgnored() {
        String output = "Warning: bad ps syntax\n  PID CONTEXT             USER  VSZ RSS TIME ELAPSED COMMAND\n";

        assertThat(parser.parse(output, 40001).processes()).isEmpty();
    }

    @Test
    void outputWithoutHeaderIsUnreadable() {
        assertThatThrownBy(() -> parser.parse("", 40001)).isInstanceOf(VpsParser.UnreadableOutputException.class);
        assertThatThrownBy(() -> parser.parse("  PID TTY TIME CMD\n    1 ? 00:00:01 init\n", 40001))
                .isInstanceOf(VpsParser.UnreadableOutputException.class);
    }

    @Test
    void psTimesInAllShapes() {
        assertThat(PsTimes.elapsedMs("00:05")).isEqualTo(5_000);
        assertThat(PsTimes.elapsedMs("01:00:05")).isEqualTo(3_605_000);
        assertThat(PsTimes.elapsedMs("2-00:00:00")).isEqualTo(172_800_000);
        assertThatThrownBy(() -> PsTimes.elapsedMs("5")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> PsTimes.elapsedMs("a:b")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> PsTimes.elapsedMs("-1:00")).isInstanceOf(NumberFormatException.class);
    }
}

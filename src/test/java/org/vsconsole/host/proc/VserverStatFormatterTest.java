package org.vsconsole.host.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class VserverStatFormatterTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "0|\"     0 \"",
            "999|\"   999 \"",
            "1000|\"   0.9K\"",
            "1023|\"   0.9K\"",
            "1024|\"     1K\"",
            "1536|\"   1.5K\"",
            "1048576|\"     1M\"",
            "1024000|\"   0.9M\"",
            "104857600|\"   100M\"",
            "1610612736|\"   1.5G\"",
            "1099511627776|\"     1T\"",
            "1125899906842624|\"     1+\"",
            "-1|\"  15.9+\"",
    })
    void shortenMemMatchesTheCTool(long bytes, String expected) {
        assertThat(VserverStatFormatter.shortenMem(bytes)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "5|\"   0m00s05\"",
            "65|\"   0m00s65\"",
            "650|\"   0m00s65\"",
            "1000|\"   0m01s00\"",
            "61650|\"   1m01s65\"",
            "1140650|\"  19m00s65\"",
            "3600000|\"   1h00m00\"",
            "18131000|\"   5h02m11\"",
            "99540000|\"   1d03h39\"",
            "86399999999|\" 999d23h59\"",
            "95040000000|\"   3y05d00\"",
            "86400000000|\"   2y27d00\"",
            "105235200000|\"   3y12d00\"",
            "86227286400000|\"2734y91d00\"",
            "86400000000000|\"   INVALID\"",
            "-1|\"   INVALID\"",
    })
    void shortenTimeMatchesTheCTool(long millis, String expected) {
        assertThat(VserverStatFormatter.shortenTime(millis)).isEqualTo(expected);
    }

    @Test
    void twoDigitFieldsArePaddedAndTruncated() {
        assertThat(VserverStatFormatter.twoDigits(5)).isEqualTo("05");
        assertThat(VserverStatFormatter.twoDigits(42)).isEqualTo("42");
        assertThat(VserverStatFormatter.twoDigits(123)).isEqualTo("12");
    }

    @Test
    void rowsFollowTheFixedColumns() {
        StatRow row = new StatRow(40001, 23, 61234L * 4096, 9876L * 4096, 61650, 1140650, 99540000, "web1", false);

        assertThat(VserverStatFormatter.formatRow(row))
                .isEqualTo("40001   23 239.1M  38.5M   1m01s65  19m00s65   1d03h39 web1");
    }

    @Test
    void fiveDigitXidTouchesFiveDigitCountAndLongerCountsOverwrite() {
        assertThat(VserverStatFormatter.formatRow(new StatRow(40001, 12345, 0, 0, 0, 0, 0, "x", false)))
                .startsWith("4000112345");
        assertThat(VserverStatFormatter.formatRow(new StatRow(40001, 123456, 0, 0, 0, 0, 0, "x", false)))
                .startsWith("4000123456");
    }

    @Test
    void namesAreCutToTwentyAndLegacyNamesBracketed() {
        String longName = "database-server-long-name";
        assertThat(VserverStatFormatter.formatRow(new StatRow(2, 1, 0, 0, 0, 0, 0, longName, false)))
                .endsWith(" database-server-long").hasSize(75);
        assertThat(VserverStatFormatter.formatRow(new StatRow(2, 1, 0, 0, 0, 0, 0, longName, true)))
                .endsWith(" [database-server-lo]");
    }

    @Test
    void unnamedRowKeepsTheSeparatorSpace() {
        assertThat(VserverStatFormatter.formatRow(new StatRow(40009, 1, 0, 0, 0, 0, 0, "", false)))
                .hasSize(55).endsWith("  0m00s00 ");
    }

    @Test
    void tableHasHeaderAndNewlines() {
        StatTable table = new StatTable(StatPath.CONTEXT_STATISTICS, List.of(), List.of());

        assertThat(VserverStatFormatter.format(table)).isEqualTo(VserverStatFormatter.HEADER + "\n");
    }
}

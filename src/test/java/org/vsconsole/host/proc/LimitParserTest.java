package org.vsconsole.host.proc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vsconsole.host.LimitValues;

class LimitParserTest {

    @Test
    void sixColumnsWith15Rows() {
        Parsed<LimitTable> parsed = LimitParser.parse(Fixtures.reference("limit-2.2-15rows"));

        assertThat(parsed.warnings()).isEmpty();
        LimitTable table = parsed.value();
        assertThat(table.layout()).isEqualTo(LimitLayout.SIX_COLUMNS);
        assertThat(table.rows()).extracting(LimitRow::name).containsExactly(
                "PROC", "VM", "VML", "RSS", "ANON", "RMAP", "FILES", "OFD", "LOCKS", "SOCK", "MSGQ", "SHM", "SEMA", "SEMS", "DENT");
        assertThat(table.row("PROC")).hasValue(new LimitRow("PROC", 23, 0, 41, 150, 150, 2));
        assertThat(table.row("VM")).hasValue(new LimitRow("VM", 61234, 0, 98312, LimitValues.UNLIMITED, LimitValues.UNLIMITED, 0));
        assertThat(table.row("RSS")).hasValue(new LimitRow("RSS", 9876, 0, 15433, 200000, 262144, 0));
        assertThat(table.row("DENT")).hasValue(new LimitRow("DENT", 2811, 0, 3907, -1, -1, 0));
    }

    @Test
    void sixColumnsWith13RowsOfEarly22() {
        String thirteen = Fixtures.reference("limit-2.2-15rows").lines()
                .filter(line -> !line.startsWith("RMAP:") && !line.startsWith("DENT:"))
                .reduce("", (all, line) -> all + line + "\n");

        Parsed<LimitTable> parsed = LimitParser.parse(thirteen);

        assertThat(parsed.warnings()).isEmpty();
        assertThat(parsed.value().rows()).hasSize(13);
        assertThat(parsed.value().row("RMAP")).isEmpty();
    }

    @Test
    void fourColumnsWith13RowsOf20() {
        Parsed<LimitTable> parsed = LimitParser.parse(Fixtures.reference("limit-2.0-13rows"));

        assertThat(parsed.warnings()).isEmpty();
        LimitTable table = parsed.value();
        assertThat(table.layout()).isEqualTo(LimitLayout.FOUR_COLUMNS);
        assertThat(table.rows()).hasSize(13);
        assertThat(table.row("PROC")).hasValue(new LimitRow("PROC", 12, LimitRow.NOT_REPORTED, 150, 150, 150, 3));
        assertThat(table.row("RSS")).hasValue(new LimitRow("RSS", 8123, LimitRow.NOT_REPORTED, 9875, -1, -1, 0));
    }

    @Test
    void fourColumnsWith6RowsOfFirst20Builds() {
        String six = """
                PROC:\t        12\t       150\t       150\t     3
                VM:\t     30123\t     41022\t        -1\t     0
                VML:\t         0\t         0\t        -1\t     0
                RSS:\t      8123\t      9875\t        -1\t     0
                FILES:\t       233\t       310\t        -1\t     0
                SOCK:\t        17\t        29\t        -1\t     0
                """;

        Parsed<LimitTable> parsed = LimitParser.parse(six);

        assertThat(parsed.warnings()).isEmpty();
        assertThat(parsed.value().rows()).extracting(LimitRow::name).containsExactly("PROC", "VM", "VML", "RSS", "FILES", "SOCK");
    }

    @Test
    void unknownRowsAreKept() {
        Parsed<LimitTable> parsed = LimitParser.parse(
                "Limit\t current\t     min/max\t\t    soft/hard\t\thits\nPROC:\t 1\t 0/ 2\t -1/ -1\t 0\nNEWRES:\t 7\t 0/ 9\t 10/ 20\t 1\n");

        assertThat(parsed.warnings()).isEmpty();
        assertThat(parsed.value().row("NEWRES")).hasValue(new LimitRow("NEWRES", 7, 0, 9, 10, 20, 1));
    }

    @Test
    void wrappedUnsignedInfinityIsUnlimited() {
        Parsed<LimitTable> parsed = LimitParser.parse("VM:\t 1\t 0/ 2\t 18446744073709551615/ 9223372036854775808\t 0\n");

        assertThat(parsed.value().row("VM")).hasValue(new LimitRow("VM", 1, 0, 2, -1, -1, 0));
    }

    @Test
    void truncatedFileKeepsCompleteRowsAndWarns() {
        String full = Fixtures.reference("limit-2.2-15rows");
        String cut = full.substring(0, full.indexOf("RSS:") + 12);

        Parsed<LimitTable> parsed = LimitParser.parse(cut);

        assertThat(parsed.value().rows()).extracting(LimitRow::name).containsExactly("PROC", "VM", "VML");
        assertThat(parsed.warnings()).singleElement().asString().contains("truncated");
    }

    @Test
    void rowWithWrongNumberCountIsSkipped() {
        Parsed<LimitTable> parsed = LimitParser.parse("PROC:\t 1\t 2\t 3\nVM:\t 1\t 2\t 3\t 4\n");

        assertThat(parsed.value().rows()).extracting(LimitRow::name).containsExactly("VM");
        assertThat(parsed.warnings()).singleElement().asString().contains("line 1");
    }

    @Test
    void mixedLayoutsKeepTheFirst() {
        Parsed<LimitTable> parsed = LimitParser.parse("PROC:\t 1\t 2\t 3\t 4\nVM:\t 1\t 0/ 2\t -1/ -1\t 0\n");

        assertThat(parsed.value().layout()).isEqualTo(LimitLayout.FOUR_COLUMNS);
        assertThat(parsed.value().rows()).hasSize(1);
        assertThat(parsed.warnings()).hasSize(1);
    }

    @Test
    void emptyFileWarns() {
        Parsed<LimitTable> parsed = LimitParser.parse("");

        assertThat(parsed.value()).isEqualTo(LimitTable.EMPTY);
        assertThat(parsed.warnings()).singleElement().asString().contains("no limit rows");
    }
}

package org.vsconsole.host.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every parser survives every cut of every reference fixture and plain binary junk. */
class ParserRobustnessTest {

    private static final Map<String, Function<String, Parsed<?>>> PARSERS_BY_FIXTURE = Map.ofEntries(
            Map.entry("info-2.3", VirtualInfoParser::parse),
            Map.entry("info-2.0", VirtualInfoParser::parse),
            Map.entry("status-2.3", VirtualStatusParser::parse),
            Map.entry("status-2.0", VirtualStatusParser::parse),
            Map.entry("ctx-info-2.3", ContextInfoParser::parse),
            Map.entry("ctx-status-2.3", ContextStatusParser::parse),
            Map.entry("ctx-status-2.2", ContextStatusParser::parse),
            Map.entry("ctx-status-2.0", ContextStatusParser::parse),
            Map.entry("limit-2.2-15rows", LimitParser::parse),
            Map.entry("limit-2.0-13rows", LimitParser::parse),
            Map.entry("sched-2.3", SchedParser::parse),
            Map.entry("sched-2.2", SchedParser::parse),
            Map.entry("sched-2.0", SchedParser::parse),
            Map.entry("cvirt-2.3", CvirtParser::parse),
            Map.entry("cvirt-2.0-uts", CvirtParser::parse),
            Map.entry("cacct-2.2", CacctParser::parse),
            Map.entry("cacct-2.0", CacctParser::parse),
            Map.entry("nsproxy-2.3", NsproxyParser::parse));

    @Test
    void everyReferenceFixtureParsesWithoutWarnings() {
        PARSERS_BY_FIXTURE
                .forEach((fixture, parser) -> assertThat(parser.apply(Fixtures.reference(fixture)).warnings()).as(fixture).isEmpty());
    }

    @Test
    void everyCutOfEveryFixtureGivesAResultAndWarnsWhenInsideALine() {
        PARSERS_BY_FIXTURE.forEach((fixture, parser) -> {
            String text = Fixtures.reference(fixture);
            for (int cut = 1; cut < text.length(); cut++) {
                String truncated = text.substring(0, cut);
                Parsed<?> parsed = parser.apply(truncated);
                assertThat(parsed.value()).as(fixture + " cut at " + cut).isNotNull();
                if (!truncated.endsWith("\n")) {
                    assertThat(parsed.warnings()).as(fixture + " cut at " + cut).anyMatch(w -> w.contains("truncated"));
                }
            }
        });
    }

    @Test
    void binaryJunkGivesWarningsNotExceptions() {
        byte[] junk = new byte[4096];
        long seed = 42;
        for (int i = 0; i < junk.length; i++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            junk[i] = (byte) (seed >>> 56);
        }
        junk[100] = '\n';
        junk[200] = ':';
        String text = new String(junk, StandardCharsets.ISO_8859_1) + "\nPROC:\t1\t2\t3\t4\n";
        for (Function<String, Parsed<?>> parser : List.copyOf(PARSERS_BY_FIXTURE.values())) {
            assertThatCode(() -> parser.apply(text)).doesNotThrowAnyException();
            assertThat(parser.apply(text).warnings()).isNotEmpty().hasSizeLessThanOrEqualTo(Warnings.LIMIT + 1);
        }
    }

    @Test
    void junkLineIsReportedPrintably() {
        Parsed<CvirtFigures> parsed = CvirtParser.parse("BiasUptime:\t1.00\n\u0000\u0001\u00ffjunk\n");

        assertThat(parsed.warnings()).singleElement().asString().contains("line 2 not understood: \"???junk\"");
    }

    @Test
    @Timeout(10)
    void largeColonFreeJunkIsLinear() {
        String junk = "x\n".repeat(500_000);

        Parsed<LimitTable> parsed = LimitParser.parse(junk);

        assertThat(parsed.warnings()).hasSize(Warnings.LIMIT + 1);
        assertThat(parsed.warnings().getLast()).contains("more warnings not shown");
    }

    @Test
    void carriageReturnsAreTolerated() {
        Parsed<ContextInfo> parsed = ContextInfoParser.parse("ID:\t40001\r\nInit:\t5\r\n");

        assertThat(parsed.warnings()).isEmpty();
        assertThat(parsed.value().initPid()).isEqualTo(5);
    }
}

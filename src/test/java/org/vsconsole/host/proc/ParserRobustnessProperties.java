package org.vsconsole.host.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class ParserRobustnessProperties {

    @Property(tries = 300)
    void noParserThrowsOnArbitraryBytes(@ForAll @Size(max = 600) byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(VirtualInfoParser.parse(text).value()).isNotNull();
        assertThat(VirtualStatusParser.parse(text).value()).isNotNull();
        assertThat(ContextInfoParser.parse(text).value()).isNotNull();
        assertThat(ContextStatusParser.parse(text).value()).isNotNull();
        assertThat(LimitParser.parse(text).value()).isNotNull();
        assertThat(SchedParser.parse(text).value()).isNotNull();
        assertThat(CvirtParser.parse(text).value()).isNotNull();
        assertThat(CacctParser.parse(text).value()).isNotNull();
        assertThat(NsproxyParser.parse(text).value()).isNotNull();
        assertThat(HostUptimeParser.parse(text).value()).isNotNull();
        assertThat(ProcessStatParser.xidOf(text)).isGreaterThanOrEqualTo(-1);
        ProcessStatParser.parse(1, 0, text, 100);
    }

    @Property(tries = 300)
    void shortenedFieldsKeepTheirWidth(@ForAll long value) {
        assertThat(VserverStatFormatter.shortenMem(value)).hasSize(7);
        assertThat(VserverStatFormatter.shortenTime(value)).hasSize(10);
    }
}

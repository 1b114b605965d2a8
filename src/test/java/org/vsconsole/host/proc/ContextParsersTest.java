package org.vsconsole.host.proc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContextParsersTest {

    @Test
    void info23HasOomBias() {
        Parsed<ContextInfo> parsed = ContextInfoParser.parse(Fixtures.reference("ctx-info-2.3"));

        assertThat(parsed.warnings()).isEmpty();
        assertThat(parsed.value().xid()).isEqualTo(40001);
        assertThat(parsed.value().infoPointer()).isEqualTo("ffff88007c3d2000");
        assertThat(parsed.value().initPid()).isZero();
        assertThat(parsed.value().oomBias()).hasValue(0);
    }

    @Test
    void infoWithoutOomBeforeLate23() {
        Parsed<ContextInfo> parsed = ContextInfoParser.parse("ID:\t40001\nInfo:\tf7c3d200\nInit:\t812\n");

        assertThat(parsed.value().initPid()).isEqualTo(812);
        assertThat(parsed.value().oomBias()).isEmpty();
    }

    @Test
    void status23ReadsCapabilityWordsAndSpacePaddedMasks() {
        Parsed<ContextStatus> parsed = ContextStatusParser.parse(Fixtures.reference("ctx-status-2.3"));

        assertThat(parsed.warnings()).isEmpty();
        ContextStatus status = parsed.value();
        assertThat(status.useCount()).isEqualTo(41);
        assertThat(status.tasks()).isEqualTo(23);
        assertThat(status.flags()).isEqualTo(0x0000001402020000L);
        assertThat(status.systemCapabilities()).isEqualTo(0xb44c04ffL);
        assertThat(status.contextCapabilities()).isEqualTo(0x4101L);
        assertThat(status.umask()).hasValue(0);
        assertThat(status.wmask()).hasValue(0);
        assertThat(status.spaces()).containsExactly(0x0c020000L, 0L);
        assertThat(status.ticks()).isEmpty();
    }

    @Test
    void status22HasOneSpaceMask() {
        Parsed<ContextStatus> parsed = ContextStatusParser.parse(Fixtures.reference("ctx-status-2.2"));

        assertThat(parsed.warnings()).isEmpty();
        assertThat(parsed.value().spaces()).containsExactly(0x0c020000L);
        assertThat(parsed.value().umask()).isEmpty();
    }

    @Test
    void status20HasTicks() {
        Parsed<ContextStatus> parsed = ContextStatusParser.parse(Fixtures.reference("ctx-status-2.0"));

        assertThat(parsed.warnings()).isEmpty();
        assertThat(parsed.value().tasks()).isEqualTo(16);
        assertThat(parsed.value().systemCapabilities()).isEqualTo(0xd46c04ffL);
        assertThat(parsed.value().ticks()).hasValue(0);
        assertThat(parsed.value().spaces()).isEmpty();
    }

    @Test
    void statusWithBadHexWarns() {
        Parsed<ContextStatus> parsed = ContextStatusParser.parse("Tasks:\t3\nFlags:\tnothex\nBCaps:\t11112222333344445\n");

        assertThat(parsed.value().tasks()).isEqualTo(3);
        assertThat(parsed.warnings()).hasSize(2);
    }

    @Test
    void cvirt23WithoutUts() {
        Parsed<CvirtFigures> parsed = CvirtParser.parse(Fixtures.reference("cvirt-2.3"));

        assertThat(parsed.warnings()).isEmpty();
        CvirtFigures cvirt = parsed.value();
        assertThat(cvirt.biasUptimeHundredths()).isEqualTo(81_234_567L);
        assertThat(cvirt.uts()).isEmpty();
        assertThat(cvirt.threads()).isEqualTo(31);
        assertThat(cvirt.running()).isEqualTo(1);
        assertThat(cvirt.loadUpdates()).isEqualTo(2918733);
        assertThat(cvirt.load()).isEqualTo(new LoadAverage(8, 3, 1));
        assertThat(cvirt.totalForks()).isEqualTo(48211);
    }

    @Test
    void cvirt20WithUts() {
        Parsed<CvirtFigures> parsed = CvirtParser.parse(Fixtures.reference("cvirt-2.0-uts"));

        assertThat(parsed.warnings()).isEmpty();
        assertThat(parsed.value().uts()).hasValue(new UtsNames("Linux", "web1", "2.6.18-6-vserver-amd64",
                "#1 SMP Fri Dec 12 05:49:09 UTC 2008", "x86_64", "example.com"));
        assertThat(parsed.value().threads()).isEqualTo(16);
        assertThat(parsed.value().load()).isEqualTo(new LoadAverage(0, 2, 2));
    }

    @Test
    void cvirtWithoutBiasWarns() {
        assertThat(CvirtParser.parse("nr_threads:\t3\n").warnings()).anyMatch(w -> w.contains("BiasUptime"));
        assertThat(CvirtParser.parse("BiasUptime:\t5.5\nloadavg:\t0.1\n").warnings()).anyMatch(w -> w.contains("loadavg"));
        assertThat(CvirtParser.parse("BiasUptime:\t5.5\n").value().biasUptimeHundredths()).isEqualTo(550);
    }

    @Test
    void cacct22HasSixFamiliesAndSkipsAllocatorLines() {
        Parsed<CacctFigures> parsed = CacctParser.parse(Fixtures.reference("cacct-2.2"));

        assertThat(parsed.warnings()).isEmpty();
        assertThat(parsed.value().families()).extracting(SocketTraffic::family)
                .containsExactly("UNSPEC", "UNIX", "INET", "INET6", "PACKET", "OTHER");
        assertThat(parsed.value().family("INET")).hasValue(new SocketTraffic("INET", 1840, 2201931, 2207, 311204, 3, 180));
        assertThat(parsed.value().forks()).isEmpty();
    }

    @Test
    void cacct20HasFiveFamiliesAndForks() {
        Parsed<CacctFigures> parsed = CacctParser.parse(Fixtures.reference("cacct-2.0"));

        assertThat(parsed.warnings()).isEmpty();
        assertThat(parsed.value().families()).hasSize(5);
        assertThat(parsed.value().family("UNIX")).hasValue(new SocketTraffic("UNIX", 35, 2375, 35, 2375, 0, 0));
        assertThat(parsed.value().forks()).hasValue(0);
    }

    @Test
    void cacctRowWithTooFewCellsWarns() {
        Parsed<CacctFigures> parsed = CacctParser.parse("UNIX:\t 1/2\t 3/4\n");

        assertThat(parsed.value().families()).isEmpty();
        assertThat(parsed.warnings()).hasSize(2);
    }

    @Test
    void nsproxy23CarriesTheHostName() {
        Parsed<NsproxyFigures> parsed = NsproxyParser.parse(Fixtures.reference("nsproxy-2.3"));

        assertThat(parsed.warnings()).isEmpty();
        UtsNames uts = parsed.value().uts().orElseThrow();
        assertThat(uts.nodeName()).isEqualTo("web1");
        assertThat(uts.release()).isEqualTo("3.18.44-vs2.3.7.5");
        assertThat(uts.domainName()).isEqualTo("example.com");
    }

    @Test
    void nsproxy22WithoutUts() {
        Parsed<NsproxyFigures> parsed = NsproxyParser.parse("NSProxy:\tffff8800 [a,b,c]\nSEMS:\t\t250 32000 32 128  2\n");

        assertThat(parsed.warnings()).isEmpty();
        assertThat(parsed.value().uts()).isEmpty();
    }
}

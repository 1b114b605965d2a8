package org.vsconsole.host.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SchedParserTest {

    @Test
    void late23HasOnlyPrioBias() {
        Parsed<SchedFigures> parsed = SchedParser.parse(Fixtures.reference("sched-2.3"));

        assertThat(parsed.warnings()).isEmpty();
        SchedFigures sched = parsed.value();
        assertThat(sched.layout()).isEqualTo(SchedLayout.PRIO_BIAS_ONLY);
        assertThat(sched.prioBias()).hasValue(0);
        assertThat(sched.bucket()).isEmpty();
        assertThat(sched.cpus()).containsExactly(new CpuTicks(0, 15321, 4410, 0), new CpuTicks(1, 12007, 3981, 0));
        assertThat(sched.userMillis(100)).isEqualTo(273_280);
        assertThat(sched.systemMillis(250)).isEqualTo(17_640 + 15_924);
    }

    @Test
    void v22HasRatePairsAndLongCpuLines() {
        Parsed<SchedFigures> parsed = SchedParser.parse(Fixtures.reference("sched-2.2"));

        assertThat(parsed.warnings()).isEmpty();
        SchedFigures sched = parsed.value();
        assertThat(sched.layout()).isEqualTo(SchedLayout.TOKEN_BUCKET_2_2);
        assertThat(sched.bucket()).hasValue(new TokenBucket(OptionalLong.empty(), 1, 4, OptionalLong.of(1), OptionalLong.of(8),
                15, 125, OptionalLong.empty()));
        assertThat(sched.cpus()).containsExactly(new CpuTicks(0, 15321, 4410, 12), new CpuTicks(1, 12007, 3981, 0));
    }

    @Test
    void v20HasTokenAndVaVaVoom() {
        Parsed<SchedFigures> parsed = SchedParser.parse(Fixtures.reference("sched-2.0"));

        assertThat(parsed.warnings()).isEmpty();
        SchedFigures sched = parsed.value();
        assertThat(sched.layout()).isEqualTo(SchedLayout.TOKEN_BUCKET_2_0);
        assertThat(sched.bucket()).hasValue(new TokenBucket(OptionalLong.of(500), 1, 4, OptionalLong.empty(), OptionalLong.empty(),
                15, 500, OptionalLong.of(0)));
        assertThat(sched.cpus()).containsExactly(new CpuTicks(0, 8734, 2211, 0), new CpuTicks(1, 7710, 1983, 0));
    }

    @Test
    void badCpuLineWarnsAndOthersStay() {
        Parsed<SchedFigures> parsed = SchedParser.parse("PrioBias:\t 0\ncpu x: 1 2\ncpu 1: 5\ncpu 2: 7 8 9 0\n");

        assertThat(parsed.value().cpus()).containsExactly(new CpuTicks(2, 7, 8, 9));
        assertThat(parsed.warnings()).hasSize(2);
    }

    @Test
    void unknownLayoutWarns() {
        assertThat(SchedParser.parse("cpu 0: 1 2 3\n").warnings()).anyMatch(w -> w.contains("layout"));
    }
}

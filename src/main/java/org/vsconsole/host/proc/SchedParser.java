package org.vsconsole.host.proc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/** Parses {@code /proc/virtual/<xid>/sched} of the three generations. */
public final class SchedParser {

    private SchedParser() {
    }

    public static Parsed<SchedFigures> parse(String text) {
        Warnings warnings = new Warnings("sched");
        LineScanner lines = new LineScanner(text);
        OptionalLong tokens = OptionalLong.empty();
        OptionalLong vavavoom = OptionalLong.empty();
        OptionalLong prioBias = OptionalLong.empty();
        OptionalLong idleFillRate = OptionalLong.empty();
        OptionalLong idleInterval = OptionalLong.empty();
        long fillRate = 0;
        long interval = 0;
        long tokensMin = 0;
        long tokensMax = 0;
        boolean bucketSeen = false;
        List<CpuTicks> cpus = new ArrayList<>(4);
        while (lines.nextLine()) {
            if (lines.lineStartsWith("cpu ")) {
                lines.skipLinePrefix(4);
                CpuTicks cpu = cpuLine(lines);
                if (cpu == null) {
                    lines.warnUnreadable(warnings);
                } else {
                    cpus.add(cpu);
                }
            } else if (lines.keyIs("PrioBias")) {
                prioBias = optional(lines);
            } else if (lines.keyIs("FillRate")) {
                fillRate = lines.nextLong();
                idleFillRate = optional(lines);
                bucketSeen = true;
            } else if (lines.keyIs("Interval")) {
                interval = lines.nextLong();
                idleInterval = optional(lines);
                bucketSeen = true;
            } else if (lines.keyIs("TokensMin")) {
                tokensMin = lines.nextLong();
                bucketSeen = true;
            } else if (lines.keyIs("TokensMax")) {
                tokensMax = lines.nextLong();
                bucketSeen = true;
            } else if (lines.keyIs("Token")) {
                tokens = optional(lines);
                bucketSeen = true;
            } else if (lines.keyIs("VaVaVoom")) {
                vavavoom = optional(lines);
            } else if (!lines.hasKey() && !lines.lineIsBlank()) {
                lines.warnUnreadable(warnings);
            }
        }
        lines.warnIfTruncated(warnings);
        SchedLayout layout;
        Optional<TokenBucket> bucket = Optional.empty();
        if (bucketSeen) {
            bucket = Optional.of(new TokenBucket(tokens, fillRate, interval, idleFillRate, idleInterval, tokensMin, tokensMax, vavavoom));
            layout = tokens.isPresent() || vavavoom.isPresent()
                    ? SchedLayout.TOKEN_BUCKET_2_0
                    : idleFillRate.isPresent() ? SchedLayout.TOKEN_BUCKET_2_2 : SchedLayout.UNKNOWN;
        } else {
            layout = prioBias.isPresent() ? SchedLayout.PRIO_BIAS_ONLY : SchedLayout.UNKNOWN;
        }
        if (layout == SchedLayout.UNKNOWN) {
            warnings.add("scheduler layout not recognised");
        }
        return warnings.result(new SchedFigures(layout, prioBias, bucket, cpus));
    }

    private static @Nullable CpuTicks cpuLine(LineScanner lines) {
        long cpu = lines.nextLong();
        if (lines.numberMissing() || !lines.skipPast(':')) {
            return null;
        }
        long user = lines.nextLong();
        long system = lines.nextLong();
        if (lines.numberMissing()) {
            return null;
        }
        long hold = lines.nextLong();
        return new CpuTicks((int) cpu, user, system, lines.numberMissing() ? 0 : hold);
    }

    private static OptionalLong optional(LineScanner lines) {
        long value = lines.nextLong();
        return lines.numberMissing() ? OptionalLong.empty() : OptionalLong.of(value);
    }
}

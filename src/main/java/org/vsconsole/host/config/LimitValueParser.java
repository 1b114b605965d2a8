package org.vsconsole.host.config;

import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.LimitValues;

/**
 * Two deliberately different parsers for limit values. Files on disk are read with util-vserver's
 * own rules ({@code lib/parselimit.c}: C {@code strtoll} base 0, K/M binary, k/m decimal,
 * {@code inf...} unlimited) so the console shows what the host will apply. Values typed by a user
 * are parsed strictly (ASCII decimal or {@code inf}) because octal surprises such as
 * {@code 010 = 8} must never be written by the console itself.
 */
public final class LimitValueParser {

    private LimitValueParser() {
    }

    /**
     * Parses a limit file's first line as util-vserver would; empty when util-vserver would
     * abort with "Invalid limit". Returns {@link LimitValues#UNLIMITED} for {@code inf...}.
     */
    public static OptionalLong parseFileValue(String text) {
        String s = text;
        if (s.endsWith("\n")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.startsWith("inf")) {
            return OptionalLong.of(LimitValues.UNLIMITED);
        }
        int i = 0;
        // strtoll skips leading white space and accepts a sign.
        while (i < s.length() && isCSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (i + 1 < s.length() && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                && i + 2 < s.length() && Character.digit(s.charAt(i + 2), 16) >= 0 && s.charAt(i + 2) < 128) {
            radix = 16;
            i += 2;
        } else if (i < s.length() && s.charAt(i) == '0') {
            radix = 8;
        }
        int start = i;
        long value = 0;
        boolean overflow = false;
        while (i < s.length() && s.charAt(i) < 128 && Character.digit(s.charAt(i), radix) >= 0) {
            int d = Character.digit(s.charAt(i), radix);
            if (value > (Long.MAX_VALUE - d) / radix) {
                overflow = true;
            } else {
                value = value * radix + d;
            }
            i++;
        }
        if (i == start) {
            return OptionalLong.empty();
        }
        if (overflow) {
            // strtoll clamps to LLONG_MAX; util-vserver accepts it, the kernel treats it as infinite.
            return OptionalLong.of(LimitValues.UNLIMITED);
        }
        long multiplier = 1;
        if (i < s.length()) {
            switch (s.charAt(i)) {
                case 'K' -> multiplier = 1024;
                case 'M' -> multiplier = 1024 * 1024;
                case 'k' -> multiplier = 1000;
                case 'm' -> multiplier = 1000 * 1000;
                default -> {
                    return OptionalLong.empty();
                }
            }
            i++;
        }
        if (i != s.length()) {
            return OptionalLong.empty();
        }
        if (negative) {
            // A negative rlimit is RLIM_INFINITY to the kernel; show it as unlimited.
            return OptionalLong.of(LimitValues.UNLIMITED);
        }
        if (value > Long.MAX_VALUE / multiplier) {
            return OptionalLong.of(LimitValues.UNLIMITED);
        }
        return OptionalLong.of(value * multiplier);
    }

    /**
     * Parses a value typed by a user: non-negative ASCII decimal without sign or leading zero, or
     * {@code inf}/{@code unlimited}. Returns {@link LimitValues#UNLIMITED} for unlimited.
     */
    public static long parseUserValue(String field, @Nullable String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidInputException(field, "a limit value is required (digits or 'inf')");
        }
        if (text.equals("inf") || text.equals("unlimited")) {
            return LimitValues.UNLIMITED;
        }
        return parseAsciiDecimal(field, text, Long.MAX_VALUE - 1,
                "must be a non-negative whole number in ASCII digits or 'inf'");
    }

    /**
     * Strict ASCII decimal: no sign, no white space, no leading zero (util-vserver would read it
     * as octal), no non-ASCII digits (Java's parseLong accepts them), no overflow.
     */
    static long parseAsciiDecimal(String field, @Nullable String text, long max, String rule) {
        if (text == null || text.isEmpty() || text.length() > 19) {
            throw new InvalidInputException(field, rule);
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidInputException(field, rule);
            }
            if (value > (Long.MAX_VALUE - (c - '0')) / 10) {
                throw new InvalidInputException(field, rule + " (too large)");
            }
            value = value * 10 + (c - '0');
        }
        if (text.length() > 1 && text.charAt(0) == '0') {
            throw new InvalidInputException(field,
                    rule + " (no leading zero: util-vserver reads a leading 0 as octal)");
        }
        if (value > max) {
            throw new InvalidInputException(field, rule + " (at most " + max + ")");
        }
        return value;
    }

    /** The text the console writes for a value: plain decimal or {@code inf}. */
    public static String format(long value) {
        if (value == LimitValues.UNLIMITED) {
            return "inf";
        }
        if (value < 0) {
            throw new IllegalArgumentException("negative limit " + value);
        }
        return Long.toString(value);
    }

    private static boolean isCSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }
}

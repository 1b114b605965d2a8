package org.vsconsole.host.proc;

import java.util.OptionalLong;

/**
 * Parses {@code /proc/uptime} to milliseconds the way {@code vserver-stat}'s {@code getUptime()}
 * does: seconds, then up to three fraction digits.
 */
public final class HostUptimeParser {

    private HostUptimeParser() {
    }

    public static Parsed<OptionalLong> parse(String text) {
        Warnings warnings = new Warnings("uptime");
        int at = 0;
        int length = text.length();
        long seconds = 0;
        while (at < length && Character.isDigit(text.charAt(at)) && seconds < Long.MAX_VALUE / 10_000) {
            seconds = seconds * 10 + (text.charAt(at++) - '0');
        }
        if (at == 0) {
            warnings.add("no uptime value");
            return warnings.result(OptionalLong.empty());
        }
        long millis = 0;
        if (at < length && text.charAt(at) == '.') {
            at++;
            int digits = 0;
            long fraction = 0;
            while (at < length && Character.isDigit(text.charAt(at))) {
                if (digits < 3) {
                    fraction = fraction * 10 + (text.charAt(at) - '0');
                }
                digits++;
                at++;
            }
            // the C tool multiplies by 1000/100/10/1 for 0–3 digits and drops longer fractions
            millis = switch (digits) {
                case 0 -> 0;
                case 1 -> fraction * 100;
                case 2 -> fraction * 10;
                case 3 -> fraction;
                default -> 0;
            };
        }
        if (at < length && text.charAt(at) != ' ' && text.charAt(at) != '\n') {
            warnings.add("unexpected text after the uptime value");
        }
        return warnings.result(OptionalLong.of(seconds * 1000 + millis));
    }
}

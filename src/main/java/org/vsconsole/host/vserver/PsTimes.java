package org.vsconsole.host.vserver;

/**
 * The two time formats of {@code ps}: TIME is {@code [DD-]HH:MM:SS}, ETIME is
 * {@code [[DD-]HH:]MM:SS}. Both throw {@link NumberFormatException} on anything else.
 */
final class PsTimes {

    private PsTimes() {
    }

    static long cpuTimeMs(String text) {
        return elapsedMs(text);
    }

    static long elapsedMs(String text) {
        long days = 0;
        String clock = text;
        int dash = text.indexOf('-');
        if (dash >= 0) {
            days = parseField(text.substring(0, dash));
            clock = text.substring(dash + 1);
        }
        String[] parts = clock.split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new NumberFormatException("not a ps time: " + text);
        }
        long seconds = 0;
        for (String part : parts) {
            seconds = seconds * 60 + parseField(part);
        }
        return ((days * 24 * 3600) + seconds) * 1000;
    }

    private static long parseField(String field) {
        if (field.isEmpty() || field.length() > 9 || !field.chars().allMatch(Character::isDigit)) {
            throw new NumberFormatException("not a ps time field: " + field);
        }
        return Long.parseLong(field);
    }
}

package org.vsconsole.base;

import java.util.Locale;

/** How figures read in the UI: bytes in binary units, durations in the largest two units. */
public final class Formats {

    private Formats() {
    }

    public static String bytes(long bytes) {
        if (bytes < 0) {
            return "unlimited";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f %s" : "%.1f %s", value, units[unit]);
    }

    public static String duration(long millis) {
        if (millis <= 0) {
            return "—";
        }
        long seconds = millis / 1000;
        long days = seconds / 86_400;
        long hours = (seconds % 86_400) / 3600;
        long minutes = (seconds % 3600) / 60;
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        if (hours > 0) {
            return hours + "h " + minutes + "m";
        }
        if (minutes > 0) {
            return minutes + "m " + (seconds % 60) + "s";
        }
        return seconds + "s";
    }

    private static final java.time.format.DateTimeFormatter TIMESTAMP = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm 'UTC'", java.util.Locale.ROOT)
            .withZone(java.time.ZoneOffset.UTC);

    /** A moment as people read it in tables: minutes, in UTC, said so. */
    public static String timestamp(java.time.Instant instant) {
        return instant == null ? "" : TIMESTAMP.format(instant);
    }

    /**
     * A value someone typed or a file held, safe to quote in a message: at most 40 characters,
     * every character outside printable ASCII shown as {@code \\uXXXX} (a control character
     * cannot forge a log line, a look-alike letter cannot pass for another), "…" when cut.
     */
    public static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length() && i < 40; i++) {
            char c = text.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return text.length() > 40 ? b + "…" : b.toString();
    }

    /** What a caught exception says about itself, for a person: its message, or its kind when it has none. */
    public static String reason(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}

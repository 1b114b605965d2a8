package org.vsconsole.audit;

import org.jspecify.annotations.Nullable;

/**
 * What the audit log keeps of text it is given: control characters escaped (a name or message
 * with a newline must not forge a line in an export or a log view) and bounded in length, the cut
 * said. Request bodies and names come from anyone, including anonymous callers.
 */
final class AuditText {

    /** Bound of the stored before/after JSON; a larger value keeps its first part and its length. */
    static final int MAX_JSON = 4096;
    static final int JSON_HEAD = 1000;

    private AuditText() {
    }

    /** As {@link #bounded}, and null stays null. */
    static @Nullable String boundedOrNull(@Nullable String value, int max) {
        return value == null ? null : bounded(value, max);
    }

    static String bounded(String value, int max) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), max + 16));
        for (int i = 0; i < value.length() && out.length() <= max; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (out.length() <= max) {
            return out.toString();
        }
        String marker = "…(" + value.length() + " chars)";
        return out.substring(0, Math.max(0, max - marker.length())) + marker;
    }
}

package org.vsconsole.monitoring;

import java.time.Duration;
import org.vsconsole.base.InvalidInputException;

/** The spans a guest's history can be shown for; shorter spans read minutes, 7 days reads hours. */
public enum HistoryRange {

    HOUR("1h", Duration.ofHours(1), false), DAY("24h", Duration.ofHours(24), false), WEEK("7d", Duration.ofDays(7), true);

    private final String code;
    private final Duration span;
    private final boolean hourly;

    HistoryRange(String code, Duration span, boolean hourly) {
        this.code = code;
        this.span = span;
        this.hourly = hourly;
    }

    public String code() {
        return code;
    }

    public Duration span() {
        return span;
    }

    public boolean hourly() {
        return hourly;
    }

    /** Parses {@code 1h}, {@code 24h} or {@code 7d}; anything else names the field {@code range}. */
    public static HistoryRange parse(String value) {
        for (HistoryRange r : values()) {
            if (r.code.equals(value)) {
                return r;
            }
        }
        throw new InvalidInputException("range", "must be one of 1h, 24h, 7d");
    }
}

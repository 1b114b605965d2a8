package org.vsconsole.jobs;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a job (or one of its items) stands. */
public enum JobState {

    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED, INTERRUPTED,
    /** Only for items: left out on purpose (a stopped guest, a guest without apt), not a failure. */
    SKIPPED;

    @JsonValue
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this != QUEUED && this != RUNNING;
    }

    static JobState fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}

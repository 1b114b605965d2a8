package org.vsconsole.audit;

import com.fasterxml.jackson.annotation.JsonValue;

/** How an attempted action ended. Stored in lower case, as auditors read it. */
public enum Outcome {

    OK, DENIED, FAILED;

    @JsonValue
    public String dbValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Outcome fromDb(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}

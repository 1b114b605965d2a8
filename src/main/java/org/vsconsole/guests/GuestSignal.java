package org.vsconsole.guests;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.vsconsole.base.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * The signals a user may send to a guest's processes, by name as {@code kill -s} takes them. An
 * allow-list, not a number: the numbers of the rest differ between architectures, and a
 * real-time signal means nothing to the admin sending it.
 */
public enum GuestSignal {

    HUP(1), INT(2), QUIT(3), KILL(9), USR1(10), USR2(12), TERM(15), CONT(18), STOP(19);

    private final int number;

    GuestSignal(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** {@code TERM}, {@code term} or {@code SIGTERM}; anything else is refused naming the field. */
    public static GuestSignal parse(@Nullable String text) {
        String name = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        String bare = name.startsWith("SIG") ? name.substring(3) : name;
        return Arrays.stream(values()).filter(s -> s.name().equals(bare)).findFirst()
                .orElseThrow(() -> new InvalidInputException("signal", "must be one of " + names()));
    }

    static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}

package org.vsconsole.updates;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What an update job runs in each guest, by apt-get's own command names. */
public enum UpdateAction {

    UPDATE("update"), UPGRADE("upgrade"), DIST_UPGRADE("dist-upgrade"), INSTALL("install"), REMOVE("remove");

    private final String command;

    UpdateAction(String command) {
        this.command = command;
    }

    public String command() {
        return command;
    }

    /** Whether the action names packages ({@code install}, {@code remove}). */
    public boolean takesPackages() {
        return this == INSTALL || this == REMOVE;
    }

    public static Optional<UpdateAction> of(@Nullable String command) {
        return Arrays.stream(values()).filter(a -> a.command.equals(command == null
                ? null
                : command.toLowerCase(Locale.ROOT))).findFirst();
    }
}

package org.vsconsole.host.config;

import org.jspecify.annotations.Nullable;

/**
 * One non-comment line of a guest's fstab. {@code rawLine} is kept because the writer must
 * leave every line it does not change byte-identical.
 */
public record FstabEntry(String device, @Nullable String mountPoint, @Nullable String type, @Nullable String options,
        @Nullable String dump, @Nullable String pass, String rawLine) {

    /** The value of an option such as {@code size} in this line, or null. */
    public @Nullable String option(String name) {
        if (options == null) {
            return null;
        }
        for (String o : options.split(",")) {
            if (o.startsWith(name + "=")) {
                return o.substring(name.length() + 1);
            }
        }
        return null;
    }
}

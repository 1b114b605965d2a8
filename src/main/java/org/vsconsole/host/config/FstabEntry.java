package org.vsconsole.host.config;

/**
 * One non-comment line of a guest's fstab. {@code rawLine} is kept because the writer must
 * leave every line it does not change byte-identical.
 */
public record FstabEntry(String device, String mountPoint, String type, String options, String dump, String pass,
        String rawLine) {

    /** The value of an option such as {@code size} in this line, or null. */
    public String option(String name) {
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

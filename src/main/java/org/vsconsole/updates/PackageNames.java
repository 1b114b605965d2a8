package org.vsconsole.updates;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.vsconsole.base.InvalidInputException;

/**
 * Debian package names as users give them, to install at creation or in an update job: each
 * reaches apt-get's argv (after {@code --}), so each must be a name by Debian Policy 5.6.1.
 */
public final class PackageNames {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9+.-]{1,99}");
    static final int MAX = 50;

    private PackageNames() {
    }

    /** The names, each checked and once, in the order given; refusals name {@code field}. */
    public static List<String> checked(List<String> requested, String field) {
        if (requested.size() > MAX) {
            throw new InvalidInputException(field, "at most " + MAX + " packages");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String name : requested) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new InvalidInputException(field, "'" + shown(name) + "' is not a Debian package name: lower-case"
                        + " letters, digits, '+', '-' and '.', starting with a letter or digit, 2 to 100 characters");
            }
            out.add(name);
        }
        return List.copyOf(out);
    }

    /** A refused name as the message may show it: printable and short. */
    private static String shown(String value) {
        if (value == null) {
            return "null";
        }
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }
}

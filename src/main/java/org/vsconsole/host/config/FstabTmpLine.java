package org.vsconsole.host.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Rewrites the {@code size=} option of an fstab line when (and only when) that line mounts a
 * tmpfs on {@code /tmp}. Works on the raw line so separators, spacing and the other options keep
 * their exact bytes.
 */
final class FstabTmpLine {

    /** device, mount point, type, options: captured with their separators. */
    private static final Pattern LINE = Pattern.compile("^([ \t]*\\S+[ \t]+)(\\S+)([ \t]+)(\\S+)([ \t]+)(\\S+)(.*)$",
            Pattern.DOTALL);

    private FstabTmpLine() {
    }

    /** The line with the new size, or null when the line is not the /tmp tmpfs line. */
    static @Nullable String withSize(String line, String size) {
        if (line.stripLeading().startsWith("#")) {
            return null;
        }
        Matcher m = LINE.matcher(line);
        if (!m.matches() || !m.group(2).equals("/tmp") || !m.group(4).equals("tmpfs")) {
            return null;
        }
        String options = m.group(6);
        String newOptions;
        if (options.equals("defaults")) {
            newOptions = "size=" + size;
        } else if (("," + options).contains(",size=")) {
            newOptions = options.replaceAll("(^|,)size=[^,]*", "$1size=" + size);
        } else {
            newOptions = options + ",size=" + size;
        }
        return m.group(1) + m.group(2) + m.group(3) + m.group(4) + m.group(5) + newOptions + m.group(7);
    }
}

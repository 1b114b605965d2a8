package org.vsconsole.host.config;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The three ways util-vserver reads a file (§1.1): first line for scalars ({@code read var}),
 * whole file minus trailing newlines for uts, and list files skipping blanks and '#' lines.
 * Content problems become warnings; binary content yields null so no junk reaches the model.
 */
final class ConfigFileText {

    private ConfigFileText() {
    }

    /** Decodes a config file; null (plus a warning) when it is binary or not UTF-8. */
    static @Nullable String decode(String path, byte[] content, List<ConfigWarning> warnings, boolean newlineMatters) {
        for (byte b : content) {
            if (b == 0) {
                warnings.add(new ConfigWarning(path, "binary content (NUL bytes); ignored"));
                return null;
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            warnings.add(new ConfigWarning(path, "not valid UTF-8 text; ignored"));
            return null;
        }
        if (text.indexOf('\r') >= 0) {
            warnings.add(new ConfigWarning(path,
                    "CRLF line endings: util-vserver would see a trailing carriage return; read without it"));
            text = text.replace("\r\n", "\n").replace("\r", "");
        }
        if (newlineMatters && !text.isEmpty() && !text.endsWith("\n")) {
            warnings.add(new ConfigWarning(path, "no newline at end of file"));
        }
        return text;
    }

    /** What {@code read var < file} yields: the first line, blanks at both ends removed. */
    static String firstLine(String text) {
        int nl = text.indexOf('\n');
        String line = nl >= 0 ? text.substring(0, nl) : text;
        return stripBlanks(line);
    }

    /** uts files: the whole content with trailing newlines removed (vuname). */
    static String wholeValue(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '\n') {
            end--;
        }
        return text.substring(0, end);
    }

    /** List files: one entry per line, blanks and '#' lines skipped, entries trimmed. */
    static List<String> listValues(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String v = stripBlanks(line);
            if (!v.isEmpty() && !v.startsWith("#")) {
                out.add(v);
            }
        }
        return out;
    }

    /** Shell IFS white space only (space, tab), as {@code read} strips it. */
    static String stripBlanks(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && (s.charAt(a) == ' ' || s.charAt(a) == '\t')) {
            a++;
        }
        while (b > a && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == '\t')) {
            b--;
        }
        return s.substring(a, b);
    }

    /** fstab lines that are not blank or comments, split on white space. */
    static List<FstabEntry> fstabEntries(String text) {
        List<FstabEntry> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] f = t.split("[ \t]+");
            out.add(new FstabEntry(f[0], f.length > 1 ? f[1] : null, f.length > 2 ? f[2] : null,
                    f.length > 3 ? f[3] : null, f.length > 4 ? f[4] : null, f.length > 5 ? f[5] : null, line));
        }
        return out;
    }
}

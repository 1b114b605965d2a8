package org.vsconsole.host.proc;

import java.util.List;

/**
 * What a parser could read from one file, plus what it had to skip or guess; the kernel files are
 * read by a console that must keep working on odd content, so problems are reported, not thrown.
 */
public record Parsed<T>(T value, List<String> warnings) {

    public Parsed {
        warnings = List.copyOf(warnings);
    }

    public boolean clean() {
        return warnings.isEmpty();
    }
}

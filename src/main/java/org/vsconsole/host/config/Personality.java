package org.vsconsole.host.config;

import java.util.List;

/** {@code personality}: first line the type (e.g. LINUX32), following lines flags. */
public record Personality(String type, List<String> flags) {

    public Personality {
        flags = List.copyOf(flags);
    }
}

package org.vsconsole.host.config;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code apps/init/}: marks are whole lines (matched with grep -x), so a guest may carry several.
 *
 * @param style    init style, null = sysv default
 * @param runlevel start runlevel, null = style default
 */
public record InitConfig(List<String> marks, @Nullable String style, @Nullable String runlevel, List<String> depends,
        List<String> killseq) {

    public static final InitConfig NONE = new InitConfig(List.of(), null, null, List.of(), List.of());

    public InitConfig {
        marks = List.copyOf(marks);
        depends = List.copyOf(depends);
        killseq = List.copyOf(killseq);
    }

    /** Whether the stock {@code vservers-default} init script starts this guest at boot. */
    public boolean bootMarked() {
        return marks.contains("default");
    }
}

package org.vsconsole.host.config;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The parts of {@code .defaults/} the console uses (§1.2). Links are read with readlink only.
 *
 * @param contextNext next static xid {@code vserver … build} assigns; null = absent (40000 then)
 */
public record DefaultsConfig(@Nullable String vdirbase, @Nullable String cachebase, @Nullable Integer contextNext,
        List<FstabEntry> fstab, List<ConfigWarning> warnings) {

    /** util-vserver's packaged start value when {@code context.next} is missing. */
    public static final int CONTEXT_START = 40000;

    public DefaultsConfig {
        fstab = List.copyOf(fstab);
        warnings = List.copyOf(warnings);
    }
}

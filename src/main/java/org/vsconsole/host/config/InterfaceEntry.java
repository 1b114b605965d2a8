package org.vsconsole.host.config;

import org.jspecify.annotations.Nullable;

/**
 * One {@code interfaces/<id>/} entry as written on disk (no fallback to the defaults applied).
 * {@code ip} null means the entry is broken (util-vserver aborts the start).
 */
public record InterfaceEntry(String id, @Nullable String ip, @Nullable String dev, @Nullable Integer prefix, @Nullable String mask,
        @Nullable String name, boolean nodev, boolean disabled) {
}

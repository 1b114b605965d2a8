package org.vsconsole.host.config;

import org.jspecify.annotations.Nullable;

/** Files directly in {@code interfaces/}: defaults every address entry falls back to. Null = unset. */
public record InterfaceDefaults(@Nullable String dev, @Nullable Integer prefix, @Nullable String mask, @Nullable String bcast,
        @Nullable String scope, @Nullable String lback, boolean vlandev, boolean novlandev) {

    public static final InterfaceDefaults NONE = new InterfaceDefaults(null, null, null, null, null, null, false, false);
}

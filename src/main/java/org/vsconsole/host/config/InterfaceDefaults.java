package org.vsconsole.host.config;

/** Files directly in {@code interfaces/}: defaults every address entry falls back to. Null = unset. */
public record InterfaceDefaults(String dev, Integer prefix, String mask, String bcast, String scope, String lback,
        boolean vlandev, boolean novlandev) {

    public static final InterfaceDefaults NONE = new InterfaceDefaults(null, null, null, null, null, null, false, false);
}

package org.vsconsole.host.config;

import org.jspecify.annotations.Nullable;

/**
 * An address as the console writes it to {@code interfaces/<id>/}.
 *
 * @param ip     IPv4 or IPv6 literal
 * @param prefix prefix length (written as {@code prefix}; any old {@code mask} is removed)
 * @param dev    host device, or null to use {@code interfaces/dev} (or with {@code nodev})
 * @param name   label suffix ({@code <dev>:<name>}), or null
 * @param nodev  address only assigned to the context, not added to a device
 */
public record InterfaceSpec(String ip, int prefix, @Nullable String dev, @Nullable String name, boolean nodev) {

    /**
     * An address as a user typed it: {@code ip} and {@code prefix} checked by {@link HostGrammar}
     * (refusals name {@code ip} or {@code prefix}), a blank {@code dev} meaning none; {@code nodev}
     * holds only without a device.
     */
    public static InterfaceSpec typed(@Nullable String ip, @Nullable String prefix, @Nullable String dev, @Nullable String label,
            boolean nodev) {
        String address = ip == null ? "" : ip.strip();
        boolean ipv6 = HostGrammar.ipAddress(address).isIpv6();
        int bits = HostGrammar.prefix(prefix == null ? "" : prefix.strip(), ipv6);
        String device = dev == null || dev.isBlank() ? null : dev.strip();
        return new InterfaceSpec(address, bits, device, label, nodev && device == null);
    }
}

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
}

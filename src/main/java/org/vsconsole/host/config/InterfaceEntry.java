package org.vsconsole.host.config;

/**
 * One {@code interfaces/<id>/} entry as written on disk (no fallback to the defaults applied).
 * {@code ip} null means the entry is broken (util-vserver aborts the start).
 */
public record InterfaceEntry(String id, String ip, String dev, Integer prefix, String mask, String name, boolean nodev,
        boolean disabled) {
}

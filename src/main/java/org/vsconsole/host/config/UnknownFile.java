package org.vsconsole.host.config;

import org.jspecify.annotations.Nullable;

/**
 * A file the console does not model. It is kept untouched by every write; its content can be read
 * on request through {@link GuestConfigReader#readFile}.
 *
 * @param path       relative to the guest's config dir, '/'-separated
 * @param type       {@code file}, {@code symlink} or {@code other}
 * @param size       bytes on disk (0 for links)
 * @param linkTarget readlink result for a symlink, else null
 */
public record UnknownFile(String path, String type, long size, @Nullable String linkTarget) {
}

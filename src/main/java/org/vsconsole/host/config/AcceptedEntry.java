package org.vsconsole.host.config;

import org.jspecify.annotations.Nullable;

/**
 * One entry of a guest's accepted config tree, as the drift registry kept it: its manifest
 * fingerprint ({@code d}, {@code f:size:sha256}, {@code l:target}) and, for a small file, its
 * bytes (null when it was too large to keep).
 */
public record AcceptedEntry(String fingerprint, byte @Nullable [] content) {
}

package org.vsconsole.limits;

import org.jspecify.annotations.Nullable;

/** What applying a preset did to one guest: ok, or the reason it was refused or failed. */
public record PresetResult(String guest, boolean ok, @Nullable String message) {
}

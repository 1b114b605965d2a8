package org.vsconsole.host.config;

/**
 * Something wrong or surprising in one file of a guest's tree. A broken file becomes a warning
 * on its guest so that one bad guest never hides the others.
 *
 * @param path    path relative to the guest's config dir ("" for the dir itself)
 * @param message what is wrong, in words an admin understands
 */
public record ConfigWarning(String path, String message) {
}

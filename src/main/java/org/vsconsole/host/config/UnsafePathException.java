package org.vsconsole.host.config;

/**
 * A write or read was refused because a path would leave the config tree or pass through a
 * symlink. Not an {@code IOException}: retrying cannot help, an admin has to look at the tree.
 */
public class UnsafePathException extends RuntimeException {

    public UnsafePathException(String message) {
        super(message);
    }
}

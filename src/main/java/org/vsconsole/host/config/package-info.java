/**
 * Reads and writes the util-vserver configuration tree ({@code /etc/vservers}) as the single
 * source of truth for guest configuration. Reading parses every file the way util-vserver's own
 * scripts do, never follows a symlink out of a guest's directory, bounds what it reads, and turns
 * malformed files into warnings on that guest instead of exceptions; it also returns a digest of
 * the whole guest tree. Writing applies one typed {@link org.vsconsole.host.config.ConfigChange}
 * against that digest (optimistic concurrency, so hand edits are never overwritten silently),
 * touches only the files that change, and replaces each one crash-safely; creating and deleting a
 * guest directory are atomic renames. Every value that can reach a path, a file or a command
 * passes {@link org.vsconsole.host.config.HostGrammar} first.
 */
@NullMarked
package org.vsconsole.host.config;

import org.jspecify.annotations.NullMarked;

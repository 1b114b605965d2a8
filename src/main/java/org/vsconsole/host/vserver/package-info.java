/**
 * The {@code vserver} host driver: runs guests on a Linux-VServer kernel through the util-vserver
 * tools ({@code vserver}, {@code vlimit}, {@code vkill}, {@code vps}, {@code vnamespace}), each
 * called as a fixed argv list with values validated and placed after {@code --}, a timeout that
 * kills the whole process tree, and output captured with a bound; plus a JNA binding of the
 * {@code vserver(2)} system call used to probe the kernel and read context figures without text
 * parsing. Figures from {@code /proc/virtual} come in through {@link
 * org.vsconsole.host.vserver.ContextFiguresSource}, implemented by the {@code proc} package.
 */
@NullMarked
package org.vsconsole.host.vserver;

import org.jspecify.annotations.NullMarked;

/**
 * Reads the Linux-VServer kernel's {@code /proc/virtual} tree and the per-process {@code /proc}
 * entries without any syscall or shell, tolerating every kernel patch generation from vs2.0 to
 * vs2.3.9: one tolerant parser per file (each returns an immutable record plus warnings and
 * never throws on odd content), a {@link org.vsconsole.host.proc.ProcVirtualReader} that turns a
 * proc root into one immutable {@link org.vsconsole.host.proc.ProcSnapshot} with
 * {@link org.vsconsole.host.ContextFigures} per context, and a re-implementation of
 * util-vserver's {@code vserver-stat} ({@link org.vsconsole.host.proc.VserverStat},
 * {@link org.vsconsole.host.proc.VserverStatFormatter}) that picks the same code path as the C
 * tool for the running kernel and prints its table byte for byte.
 */
@NullMarked
package org.vsconsole.host.proc;

import org.jspecify.annotations.NullMarked;

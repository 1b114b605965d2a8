/**
 * Pseudo-terminals for the drivers: a pty pair opened through libc (JNA), and a host command
 * started as the leader of a new session whose controlling terminal is the pty's slave side, so
 * job control, {@code tty}, {@code stty size} and {@code SIGWINCH} behave as in a real terminal.
 * The command is an argv list run by util-linux {@code setsid --ctty}; no shell runs on the host.
 */
@NullMarked
package org.vsconsole.host.pty;

import org.jspecify.annotations.NullMarked;

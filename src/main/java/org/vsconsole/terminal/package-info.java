/**
 * Interactive terminals inside guests in the browser, and their recordings. A session is a login
 * shell under a pty that the host driver opens ({@code HostDriver.openTerminal}); this feature
 * authorizes it (ADMIN and OPERATOR on every guest, an OWNER on their own, an AUDITOR never),
 * keeps it alive across a page reload for a grace period, ends it when idle or too old, records
 * its output (and input, when configured) as an asciicast v2 file whose SHA-256 goes into the
 * chained audit row that closes it, and lets auditors list, search, replay and download the
 * recordings. xterm.js draws it, loaded as a static script; Vaadin push carries the bytes.
 */
@NullMarked
package org.vsconsole.terminal;

import org.jspecify.annotations.NullMarked;

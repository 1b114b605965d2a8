/**
 * The one way the console runs a host program: {@link org.vsconsole.host.process.ProcessRunner}
 * takes an argv list (never a shell), gives it a fixed environment and {@code /dev/null} as
 * stdin, streams its output line by line with bounded memory, and ends it together with
 * everything it started at a timeout or on cancel. Both drivers and the build tools use it.
 */
@NullMarked
package org.vsconsole.host.process;

import org.jspecify.annotations.NullMarked;

/** REST face of the terminal feature: recorded sessions for auditors. */
@NullMarked
package org.vsconsole.terminal.api;

import org.jspecify.annotations.NullMarked;

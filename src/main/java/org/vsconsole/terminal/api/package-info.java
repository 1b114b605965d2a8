/** REST face of the terminal feature: recorded sessions for auditors. */
package org.vsconsole.terminal.api;

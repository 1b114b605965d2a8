package org.vsconsole.host;

/** How a command run inside a guest ended; {@code timedOut} means it was killed at its timeout. */
public record ExecResult(int exitCode, boolean timedOut) {
}

package org.vsconsole.host.pty;

import org.vsconsole.host.TerminalSession;

/** Lets driver tests in other packages read a terminal to its end as the pty tests do. */
public final class PtyProcessTestAccess {

    private PtyProcessTestAccess() {
    }

    public static String readToEnd(TerminalSession session) {
        return PtyProcessTest.readToEnd(session);
    }
}

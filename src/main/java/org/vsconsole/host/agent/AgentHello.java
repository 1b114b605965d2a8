package org.vsconsole.host.agent;

import org.jspecify.annotations.Nullable;

/** What an agent says of itself when asked: the protocol it speaks and the driver behind it. */
record AgentHello(int protocol, String driver, @Nullable String readOnlyReason, boolean buildMakesConfigDirectory, long pid) {
}

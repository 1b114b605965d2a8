package org.vsconsole.host.agent;

import java.util.Map;
import org.vsconsole.host.TerminalSession;

/** What a running operation may send back before its result, and whether the caller gave up. */
interface AgentCall {

    void line(String line);

    void percent(int percent);

    /** Says that a long-running call (a terminal) has begun, before anything else it sends. */
    void opened();

    /** Bytes a terminal showed, sent as they come. */
    void data(byte[] bytes);

    boolean cancelled();

    /** The terminals open on this connection, by the id of the call that opened each. */
    Map<Long, TerminalSession> terminals();

    /** The guest trees moving through this connection, by the id of the call that opened each. */
    Map<Long, TreeTransfer> transfers();
}

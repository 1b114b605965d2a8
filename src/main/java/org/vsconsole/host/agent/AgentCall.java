package org.vsconsole.host.agent;

/** What a running operation may send back before its result, and whether the caller gave up. */
interface AgentCall {

    void line(String line);

    void percent(int percent);

    boolean cancelled();
}

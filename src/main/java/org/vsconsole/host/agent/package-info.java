/**
 * The host agent: the only part of the console meant to run as root. It serves the {@link
 * org.vsconsole.host.HostDriver} port over a small versioned protocol (length-prefixed JSON
 * frames) on a Unix domain socket or on stdin/stdout (for SSH), and the web tier reaches it through
 * {@link org.vsconsole.host.agent.AgentHostDriver}. The agent trusts nothing the web tier sends:
 * every request names one allow-listed operation, every argument is checked here again, and
 * guests are named, never described: the agent reads what a guest is from its own config tree,
 * so a web tier that lies about a guest's root or context cannot make the agent act elsewhere.
 * The config tree is the agent's too: the web tier sends its changes as changes, and the agent
 * applies them with the console's own writer.
 */
@NullMarked
package org.vsconsole.host.agent;

import org.jspecify.annotations.NullMarked;

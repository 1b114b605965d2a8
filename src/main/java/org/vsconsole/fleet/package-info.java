/**
 * One console, many hosts: the hosts an admin added besides the console's own (each reached over
 * SSH, its host key pinned, its agent run by a forced command), their state as a poller last saw
 * it, and the Hosts view and REST resources over them. The local host is always the first, named
 * {@code local}; a host that cannot be reached is shown with why, never as an error page. Features that work
 * across hosts reach the agents through {@link org.vsconsole.fleet.HostAgents}.
 */
@NullMarked
package org.vsconsole.fleet;

import org.jspecify.annotations.NullMarked;

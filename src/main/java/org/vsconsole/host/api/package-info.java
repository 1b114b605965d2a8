/** REST error mapping for host operations and stale config edits. */
package org.vsconsole.host.api;

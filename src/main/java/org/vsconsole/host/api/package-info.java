/** REST error mapping for host operations and stale config edits. */
@NullMarked
package org.vsconsole.host.api;

import org.jspecify.annotations.NullMarked;

/** REST for package updates: {@code POST /api/v1/updates} (a job), retry, and pending counts. */
@NullMarked
package org.vsconsole.updates.api;

import org.jspecify.annotations.NullMarked;

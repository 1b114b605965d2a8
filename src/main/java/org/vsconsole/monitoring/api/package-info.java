/**
 * REST for monitoring: {@code GET /api/v1/stat} (the latest snapshot as vserver-stat rows with
 * CPU % and limit hits) and {@code GET /api/v1/guests/{name}/history?range=1h|24h|7d}; both scoped
 * to the guests the caller may see.
 */
@NullMarked
package org.vsconsole.monitoring.api;

import org.jspecify.annotations.NullMarked;

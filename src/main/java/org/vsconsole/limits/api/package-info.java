/**
 * REST for limits: {@code GET/PUT /api/v1/guests/{name}/limits}, {@code PUT /api/v1/guests/{name}/tmp}
 * and the presets under {@code /api/v1/limit-presets}; a stale digest answers 409 with the changed files.
 */
@NullMarked
package org.vsconsole.limits.api;

import org.jspecify.annotations.NullMarked;

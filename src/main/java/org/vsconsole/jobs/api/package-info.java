/** REST endpoints of the jobs feature: {@code /api/v1/jobs/{id}}. */
@NullMarked
package org.vsconsole.jobs.api;

import org.jspecify.annotations.NullMarked;

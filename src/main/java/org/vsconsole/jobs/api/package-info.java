/** REST endpoints of the jobs feature: {@code /api/v1/jobs/{id}}. */
package org.vsconsole.jobs.api;

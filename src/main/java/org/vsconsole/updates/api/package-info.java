/** REST for package updates: {@code POST /api/v1/updates} (a job), retry, and pending counts. */
package org.vsconsole.updates.api;

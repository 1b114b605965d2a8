/** REST endpoints of the guests feature under {@code /api/v1/guests}. */
package org.vsconsole.guests.api;

/** REST endpoints of the guests feature under {@code /api/v1/guests}. */
@NullMarked
package org.vsconsole.guests.api;

import org.jspecify.annotations.NullMarked;

/**
 * Guests in the browser and over REST: the guest list, the detail page with its tabs, the
 * lifecycle (start, stop, restart, starts-at-boot), commands inside a guest, its processes and
 * deletion. {@link org.vsconsole.guests.GuestService} authorises, validates and audits every
 * action and reaches the host only through the host port.
 */
@NullMarked
package org.vsconsole.guests;

import org.jspecify.annotations.NullMarked;

/**
 * Hosts over REST: {@code /api/v1/hosts}, each host's state and guests, adding a host with its
 * confirmed key fingerprint, and starting and stopping a managed host's guests. The same services
 * as the Hosts view authorise and audit every call.
 */
@NullMarked
package org.vsconsole.fleet.api;

import org.jspecify.annotations.NullMarked;

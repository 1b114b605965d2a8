/** Guest creation over REST: the same service, validation, roles and audit as the wizard. */
@NullMarked
package org.vsconsole.provisioning.api;

import org.jspecify.annotations.NullMarked;

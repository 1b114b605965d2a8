/** REST endpoints of the security feature: the caller's own account under {@code /api/v1/me}. */
@NullMarked
package org.vsconsole.security.api;

import org.jspecify.annotations.NullMarked;

/** REST endpoints of the security feature: the caller's own account under {@code /api/v1/me}. */
package org.vsconsole.security.api;

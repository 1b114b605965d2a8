/** REST endpoints of the audit feature: {@code /api/v1/audit} and its verification. */
@NullMarked
package org.vsconsole.audit.api;

import org.jspecify.annotations.NullMarked;

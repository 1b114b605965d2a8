/** REST endpoints of the audit feature: {@code /api/v1/audit} and its verification. */
package org.vsconsole.audit.api;

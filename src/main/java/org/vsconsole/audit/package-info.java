/**
 * The audit log: one append-only, hash-chained table that every feature writes through
 * {@link org.vsconsole.audit.AuditService}. Each row names actor, time, client, action, target,
 * before and after, outcome and duration; verification walks the chain and names the first row
 * that no longer fits. The Audit view and the REST endpoints read it with the same filters.
 */
@NullMarked
package org.vsconsole.audit;

import org.jspecify.annotations.NullMarked;

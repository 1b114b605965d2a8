/**
 * Resource limits of guests: per-context rlimits (live and saved in {@code rlimits/}), disk limits
 * ({@code dlimits/}), the size of the guest's {@code /tmp} tmpfs and named limit presets. Reading
 * needs sight of the guest (owners see their own guests' limits); changing limits is for ADMIN
 * and OPERATOR only, because tenants must not raise their own limits. Every change is validated
 * completely before anything is written or applied, is checked against the digest the caller
 * read, and is audited as {@code limits.*} with the values before and after.
 */
@NullMarked
package org.vsconsole.limits;

import org.jspecify.annotations.NullMarked;

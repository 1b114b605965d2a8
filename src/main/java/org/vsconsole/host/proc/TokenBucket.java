package org.vsconsole.host.proc;

import java.util.OptionalLong;

/**
 * Hard CPU scheduler settings of vs2.0 and vs2.2 kernels.
 *
 * @param tokens vs2.0 only (current bucket fill)
 * @param idleFillRate vs2.2 only (second value of {@code FillRate:})
 * @param idleInterval vs2.2 only (second value of {@code Interval:})
 * @param vavavoom vs2.0 only
 */
public record TokenBucket(
        OptionalLong tokens,
        long fillRate,
        long interval,
        OptionalLong idleFillRate,
        OptionalLong idleInterval,
        long tokensMin,
        long tokensMax,
        OptionalLong vavavoom) {
}

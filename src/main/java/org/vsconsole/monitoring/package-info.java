/**
 * Live figures of every guest: one sampler per host reads all contexts once per tick through the
 * host driver and publishes an immutable snapshot that views and REST share, so the cost of a
 * tick does not grow with the number of people watching.
 */
@NullMarked
package org.vsconsole.monitoring;

import org.jspecify.annotations.NullMarked;

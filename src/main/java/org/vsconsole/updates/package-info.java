/**
 * Package updates inside guests, as util-vserver's {@code vapt-get} does them but as jobs: one
 * item per guest with its own result, dry runs that list what would change, retry of the failed
 * ones, and the count of pending (and security) updates per guest. Commands run inside the guests
 * through the host port; apt there fetches through the host's package cache.
 */
@NullMarked
package org.vsconsole.updates;

import org.jspecify.annotations.NullMarked;

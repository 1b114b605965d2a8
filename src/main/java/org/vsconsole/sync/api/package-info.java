/** REST face of the sync feature: a guest's registry state and drift, accept, restore, adopt. */
@NullMarked
package org.vsconsole.sync.api;

import org.jspecify.annotations.NullMarked;

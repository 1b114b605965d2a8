/**
 * Keeps the console's guest registry in step with the config tree, which stays the truth
 * (ARCHITECTURE §4). A recursive watcher plus a periodic full reconcile compare each guest's
 * digest with the one the console last wrote or an admin accepted: a hand edit becomes drift
 * (changed files, a diff, an audit row by "external (detected)") until an admin accepts or
 * restores it; a hand-made guest appears as unmanaged until adopted; a removed guest leaves the
 * list while its history stays. The intent journal ({@link org.vsconsole.sync.IntentJournal})
 * records every audited action before it runs, and start-up recovery says what became of any
 * action the console died in. Losing the database loses no guest: the registry is rebuilt from
 * the tree.
 */
@NullMarked
package org.vsconsole.sync;

import org.jspecify.annotations.NullMarked;

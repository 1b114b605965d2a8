/** The REST resources of moving a guest: its preflight and the move itself, under the hosts' paths. */
@NullMarked
package org.vsconsole.migration.api;

import org.jspecify.annotations.NullMarked;

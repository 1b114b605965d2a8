/**
 * The port to a host: the driver interface every feature goes through to run guests, and the
 * records that cross it. Sub-packages read and write the config tree ({@code config}), parse
 * {@code /proc/virtual} ({@code proc}), and implement the drivers ({@code linux}, {@code vserver}).
 * Views never reach past this port to files or processes.
 */
@NullMarked
package org.vsconsole.host;

import org.jspecify.annotations.NullMarked;

/**
 * The console's entry point: {@link org.vsconsole.Application} starts Spring Boot (or, given
 * {@code stat} as the first argument, runs the vserver-stat command without a server or database)
 * and is also the Vaadin app shell, which turns on server push and names the plain stylesheets the
 * pages use. Nothing else lives here; every feature has its own package below this one.
 */
@NullMarked
package org.vsconsole;

import org.jspecify.annotations.NullMarked;

/**
 * Shared foundations every feature may use: the main layout and shared UI pieces, error types
 * that carry a field and a rule, and the error handling that turns them into clear messages.
 * Nothing here knows about a particular feature.
 */
@NullMarked
package org.vsconsole.base;

import org.jspecify.annotations.NullMarked;

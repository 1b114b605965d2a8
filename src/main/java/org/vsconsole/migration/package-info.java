/**
 * Moving a guest of this host to a managed host: the preflight that lists every blocker before
 * anything moves, the job that makes the guest's config there, copies its tree through both
 * hosts' agents (with a pre-copy while it runs, or offline) and starts it there, and the undo
 * when a step fails. It stands on both the guests feature (this host's guest) and the fleet (the
 * other host's agent), so it is a feature of its own rather than a part of either.
 */
@NullMarked
package org.vsconsole.migration;

import org.jspecify.annotations.NullMarked;

/**
 * Who may do what: users, roles and the guests an owner may touch, stored in H2; sign-in with
 * throttling after repeated failures; the forced change of the initial password; the two
 * security filter chains (Vaadin views and the stateless REST API); and the auditing of every
 * sign-in, sign-out, account change and denied call.
 */
@NullMarked
package org.vsconsole.security;

import org.jspecify.annotations.NullMarked;

/**
 * Creating guests: the wizard ({@code guests/new}), {@code POST /api/v1/guests} and the service
 * behind both. Every field is checked on the server with the host grammar and against what is on
 * disk at submit time; omitted values (context id, address, host name) are chosen from the config
 * tree, never from a second registry; the build runs as a job that either leaves a complete guest
 * or removes everything it made, so no half-made guest remains under a guest's name.
 */
@NullMarked
package org.vsconsole.provisioning;

import org.jspecify.annotations.NullMarked;

/**
 * The API's contract: the OpenAPI description served at {@code /v3/api-docs} (security schemes,
 * tags, every error as a problem) and the API page that shows it to signed-in users.
 */
@NullMarked
package org.vsconsole.apidocs;

import org.jspecify.annotations.NullMarked;

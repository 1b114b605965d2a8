/** REST face of the sync feature: a guest's registry state and drift, accept, restore, adopt. */
package org.vsconsole.sync.api;

/** Guest creation over REST: the same service, validation, roles and audit as the wizard. */
package org.vsconsole.provisioning.api;

package org.vsconsole.fleet;

import java.time.Instant;

/** A host an admin added: where to reach its SSH server, as whom, and the host key fingerprint confirmed then. */
public record ManagedHost(String name, String address, int port, String user, String fingerprint, String addedBy,
        Instant addedAt) {
}

package org.vsconsole.host.vserver;

import java.time.Duration;

/**
 * How long each kind of util-vserver call may run before its process tree is killed.
 *
 * @param startStop {@code vserver start}/{@code restart}; for {@code stop} it is added to the
 *                  caller's shutdown timeout, as the script's own kill sequence runs inside it
 * @param query     {@code vserver status} and {@code vps}
 * @param change    {@code vlimit}, {@code vkill}, {@code vnamespace … mount}
 * @param build     {@code vserver … build} (debootstrap downloads a distribution)
 */
public record CommandTimeouts(Duration startStop, Duration query, Duration change, Duration build) {

    public static CommandTimeouts defaults() {
        return new CommandTimeouts(Duration.ofSeconds(120), Duration.ofSeconds(15), Duration.ofSeconds(10),
                Duration.ofMinutes(30));
    }

    public static CommandTimeouts all(Duration timeout) {
        return new CommandTimeouts(timeout, timeout, timeout, timeout);
    }
}

package org.vsconsole.host.proc;

import java.nio.file.Path;

/** A guest configuration directory and the name {@code vserver-stat} shows for it. */
public record GuestConfig(Path directory, String displayName) {
}

package org.vsconsole.host.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds host programs by absolute path, so no command depends on the console's PATH. */
public final class HostTools {

    private static final List<Path> BIN_DIRS = List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/sbin"),
            Path.of("/bin"));

    private HostTools() {
    }

    public static Optional<String> find(String name) {
        return BIN_DIRS.stream().map(d -> d.resolve(name)).filter(Files::isExecutable).findFirst().map(Path::toString);
    }
}

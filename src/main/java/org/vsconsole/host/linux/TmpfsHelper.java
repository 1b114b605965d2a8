package org.vsconsole.host.linux;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;

/**
 * Puts the {@code vsc-tmpfs} helper built from {@code native/} where it can be executed: a jar
 * entry cannot be, so it is copied into the driver's root-only run-state directory.
 */
final class TmpfsHelper {

    private static final String RESOURCE = "vsc-tmpfs";

    private TmpfsHelper() {
    }

    /** The installed helper, or empty when this build carries none (built without Maven). */
    static Optional<Path> install(Path runDir) throws IOException {
        byte[] binary;
        try (InputStream in = TmpfsHelper.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            binary = in.readAllBytes();
        }
        Files.createDirectories(runDir);
        // LXC opens its container folders below as the guest's root: pass through, no listing
        Files.setPosixFilePermissions(runDir, PosixFilePermissions.fromString("rwx--x--x"));
        Path target = runDir.resolve(RESOURCE);
        if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), binary)) {
            return Optional.of(target);
        }
        // write beside and rename: a running guest start never sees a half-written helper
        Path temp = Files.createTempFile(runDir, RESOURCE, ".new");
        Files.write(temp, binary);
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx------"));
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return Optional.of(target);
    }
}

package org.vsconsole.guests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.vsconsole.base.DataDirFiles;
import org.vsconsole.host.proc.HostProcReader;
import java.util.Optional;
import org.vsconsole.host.config.AtomicFileWriter;
import java.util.Objects;

/**
 * Tells a freshly booted host from a restarted console: the kernel draws a new random boot id at
 * every boot ({@code /proc/sys/kernel/random/boot_id}), and the console notes the one it last saw
 * in its data directory.
 *
 * @param proc         the host's proc files, where the kernel shows its boot id
 * @param recordedFile where the console keeps the boot id it saw last ({@code <data-dir>/run/boot-id})
 */
@DataDirFiles
record HostBootId(HostProcReader proc, Path recordedFile) {

    String current() throws IOException {
        return proc.bootId();
    }

    Optional<String> recorded() throws IOException {
        if (!Files.isRegularFile(recordedFile, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        String id = Files.readString(recordedFile, StandardCharsets.US_ASCII).strip();
        return id.isEmpty() ? Optional.empty() : Optional.of(id);
    }

    /** Crash-safe: after a crash the file holds the old id or the new one, never half of one. */
    void record(String id) throws IOException {
        Path dir = Objects.requireNonNull(recordedFile.toAbsolutePath().normalize().getParent(),
                "the file is never the root, so it has a parent");
        Files.createDirectories(dir);
        new AtomicFileWriter(dir).write(recordedFile.toAbsolutePath().normalize(), (id + "\n").getBytes(StandardCharsets.US_ASCII));
    }
}

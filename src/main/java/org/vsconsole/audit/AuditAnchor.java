package org.vsconsole.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.vsconsole.base.ConsoleProperties;
import org.vsconsole.base.DataDirFiles;

/**
 * The head of the audit chain (sequence and hash of the newest row), kept in a file outside the
 * database. A chain alone cannot show that its newest rows were cut off; the anchor can, since
 * whoever truncates the table must also know to rewrite this file.
 */
@DataDirFiles
@Component
class AuditAnchor {

    record Head(long seq, String hash) {
    }

    private static final Logger log = LoggerFactory.getLogger(AuditAnchor.class);
    private final Path file;

    @Autowired
    AuditAnchor(ConsoleProperties properties) {
        this(properties.dataDir().resolve("audit-anchor"));
    }

    AuditAnchor(Path file) {
        this.file = file;
    }

    /** Also told of every head written here (the optional second anchor in the system log). */
    private volatile java.util.function.BiConsumer<Long, String> also = (seq, hash) -> {
    };

    void alsoTo(java.util.function.BiConsumer<Long, String> listener) {
        this.also = listener;
    }

    void write(long seq, String hash) {
        also.accept(seq, hash);
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, seq + " " + hash + "\n", StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // The row itself is committed; a stale anchor only weakens truncation detection.
            log.warn("Cannot update the audit anchor {}: {}", file, e.getMessage());
        }
    }

    /** Keeps the anchor of a lost log beside the new one ({@code audit-anchor.lost-<seq>}); returns where. */
    Path setAside(long seq) throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + ".lost-" + seq + "-" + System.currentTimeMillis());
        Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        return aside;
    }

    boolean exists() {
        return Files.exists(file);
    }

    Optional<Head> read() {
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            String[] parts = Files.readString(file, StandardCharsets.US_ASCII).trim().split(" ");
            return Optional.of(new Head(Long.parseLong(parts[0]), parts[1]));
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot read the audit anchor {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }
}

package org.vsconsole.terminal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditAttachmentCheck;
import org.vsconsole.audit.AuditEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.vsconsole.base.DataDirFiles;

/**
 * Holds each recording to the SHA-256 in the chained audit row that closed its session: a
 * recording edited afterwards, or removed before its retention ran out, breaks verification there.
 */
@DataDirFiles
@Component
class RecordingIntegrity implements AuditAttachmentCheck {

    private final RecordingArchive archive;
    private final ObjectMapper json;

    RecordingIntegrity(RecordingArchive archive, ObjectMapper json) {
        this.archive = archive;
        this.json = json;
    }

    @Override
    public Optional<String> problem(AuditEvent row) {
        if (!AuditActions.TERMINAL_CLOSE.equals(row.action()) || row.afterJson() == null) {
            return Optional.empty();
        }
        JsonNode after = json.readTree(row.afterJson());
        String sha256 = after.path("sha256").asString(null);
        String session = after.path("session").asString("");
        if (sha256 == null) {
            return Optional.empty(); // nothing was sealed (the recording could not be completed)
        }
        Path file;
        try {
            file = archive.file(session);
        } catch (RuntimeException e) {
            return Optional.of("it names a terminal session '" + session + "' that cannot exist");
        }
        if (!Files.exists(file)) {
            boolean expired = row.time().plus(archive.retention()).isBefore(Instant.now());
            return expired
                    ? Optional.empty()
                    : Optional.of("the recording " + file.getFileName() + " it vouches for was removed before its retention ran out");
        }
        if (!sha256.equals(RecordingArchive.sha256(file))) {
            return Optional.of("the recording " + file.getFileName() + " no longer matches the SHA-256 in this row (it was changed)");
        }
        return Optional.empty();
    }
}

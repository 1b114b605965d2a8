package org.vsconsole.audit;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;
import org.jspecify.annotations.Nullable;

/**
 * When the data directory's file system counts as full ({@code vsconsole.storage.*}).
 *
 * @param minFree   below this much usable space the console turns read-only before H2 runs out
 *                  and closes its database; above it again, it writes the held audit events and
 *                  takes changes again, without a restart
 * @param spillFile where audit events of a read-only time are kept until the database takes them;
 *                  default {@code <data-dir>/audit-spill.jsonl}, outside the database folder; put it
 *                  on another file system to keep them across a restart while the disk is full
 */
@Validated
@ConfigurationProperties("vsconsole.storage")
public record StorageProperties(@DefaultValue("16MB") DataSize minFree, @Nullable Path spillFile) {
}

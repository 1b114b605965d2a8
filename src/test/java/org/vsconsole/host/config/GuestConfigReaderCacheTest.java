package org.vsconsole.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The caching reader never hands out a stale tree: every way a file can change behind the
 * console's back (same size, mtime put back, replaced by rename, added, removed, written twice
 * within one clock tick) is seen at the next read.
 */
class GuestConfigReaderCacheTest {

    @TempDir
    Path root;

    private Path context;

    @BeforeEach
    void setUp() throws IOException {
        FixtureTree.buildReference(root);
        context = root.resolve("web1/context");
    }

    /** A settle time of zero lets the cache be used at once; only sleeps past a clock tick keep the test honest. */
    private GuestConfigReader quick() {
        return GuestConfigReader.cached(root, Duration.ZERO);
    }

    @Test
    void anUnchangedTreeIsReadOnce() throws Exception {
        GuestConfigReader reader = quick();
        GuestConfig first = reader.readGuest("web1");
        assertThat(reader.readGuest("web1")).isSameAs(first);
        assertThat(reader.readAllGuests()).filteredOn(g -> g.name().equals("web1")).singleElement().isSameAs(first);
    }

    @Test
    void aSameSizeWriteWithItsMtimePutBackIsSeen() throws Exception {
        GuestConfigReader reader = quick();
        FileTime mtime = Files.getLastModifiedTime(context);
        assertThat(reader.readGuest("web1").context()).isEqualTo(40001);
        Thread.sleep(30); // past a clock tick: the change time moves even though mtime and size do not
        Files.writeString(context, "40002\n");
        Files.setLastModifiedTime(context, mtime);
        assertThat(reader.readGuest("web1").context()).isEqualTo(40002);
    }

    @Test
    void aFileReplacedByRenameIsSeen() throws Exception {
        GuestConfigReader reader = quick();
        FileTime mtime = Files.getLastModifiedTime(context);
        reader.readGuest("web1");
        Path staged = root.resolve("web1/.context.new");
        Files.writeString(staged, "40003\n");
        Files.setLastModifiedTime(staged, mtime);
        Files.move(staged, context, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertThat(reader.readGuest("web1").context()).isEqualTo(40003);
    }

    @Test
    void addedAndRemovedFilesAreSeen() throws Exception {
        GuestConfigReader reader = quick();
        String before = reader.readGuest("web1").digest();
        Thread.sleep(30); // past a clock tick, as the settle time guarantees outside tests: the directory's times move
        Files.writeString(root.resolve("web1/apps/init/extra-by-hand"), "x\n");
        String added = reader.readGuest("web1").digest();
        assertThat(added).isNotEqualTo(before);
        Files.delete(root.resolve("web1/apps/init/extra-by-hand"));
        assertThat(reader.readGuest("web1").digest()).isEqualTo(before);
    }

    @Test
    void aFileAddedToADirectoryWhoseMtimeIsPutBackIsSeen() throws Exception {
        GuestConfigReader reader = quick();
        Path dir = root.resolve("web1/rlimits");
        FileTime mtime = Files.getLastModifiedTime(dir);
        assertThat(reader.readGuest("web1").rlimits()).doesNotContainKey("locks");
        Thread.sleep(30);
        Files.writeString(dir.resolve("locks"), "64\n");
        Files.setLastModifiedTime(dir, mtime);
        assertThat(reader.readGuest("web1").rlimits()).containsKey("locks");
    }

    @Test
    void aDirectorySwappedForALinkToItsMovedSelfIsSeen() throws Exception {
        GuestConfigReader reader = quick();
        assertThat(reader.readGuest("web1").rlimits()).isNotEmpty();
        Thread.sleep(30);
        Files.move(root.resolve("web1/rlimits"), root.resolve("web1/rlimits-moved"));
        Files.createSymbolicLink(root.resolve("web1/rlimits"), Path.of("rlimits-moved"));
        // the same inodes behind the link, but a link is never followed: its limits are no longer read
        assertThat(reader.readGuest("web1").rlimits()).isEmpty();
    }

    @Test
    void twoWritesWithinOneClockTickAreSeenWithTheDefaultSettleTime() throws Exception {
        GuestConfigReader reader = GuestConfigReader.cached(root, GuestConfigReader.SETTLE);
        Files.writeString(context, "40004\n");
        FileTime mtime = Files.getLastModifiedTime(context);
        assertThat(reader.readGuest("web1").context()).isEqualTo(40004);
        // same size, times put back to the same value: nothing in lstat may differ, yet it must be seen
        Files.writeString(context, "40005\n");
        Files.setLastModifiedTime(context, mtime);
        assertThat(reader.readGuest("web1").context()).isEqualTo(40005);
    }

    @Test
    void aFreshlyWrittenTreeIsNotReused() throws Exception {
        GuestConfigReader reader = GuestConfigReader.cached(root, GuestConfigReader.SETTLE);
        GuestConfig first = reader.readGuest("web1");
        GuestConfig again = reader.readGuest("web1");
        assertThat(again).isNotSameAs(first);
        assertThat(again.digest()).isEqualTo(first.digest());
    }

    @Test
    void aTreeTooBigToStampWholeIsReadAfreshEveryTime() throws Exception {
        FixtureTree.fillBeyondTheEntryLimit(root.resolve("web1/many"));
        GuestConfigReader reader = quick();
        GuestConfig first = reader.readGuest("web1");
        assertThat(reader.readGuest("web1")).isNotSameAs(first);
    }

    @Test
    void aStagingDirectoryOfTheConsoleDoesNotKeepATreeFromBeingReused() throws Exception {
        Path staging = root.resolve("web1/" + StagingNames.TEMP_FILE + "dir");
        Files.createDirectories(staging.resolve("sub"));
        Files.writeString(staging.resolve("sub/file"), "x\n");
        GuestConfigReader reader = quick();
        GuestConfig first = reader.readGuest("web1");
        assertThat(reader.readGuest("web1")).isSameAs(first);
        assertThat(first.manifest().fingerprints()).noneSatisfy((path, print) -> assertThat(path).contains(StagingNames.PREFIX));
    }

    @Test
    void aRemovedGuestLeavesTheCache() throws Exception {
        GuestConfigReader reader = quick();
        int before = reader.readAllGuests().size();
        try (var walk = Files.walk(root.resolve("web1"))) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        assertThat(reader.readAllGuests()).hasSize(before - 1).noneMatch(g -> g.name().equals("web1"));
    }
}

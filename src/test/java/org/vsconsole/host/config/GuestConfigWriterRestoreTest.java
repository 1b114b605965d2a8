package org.vsconsole.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restoring an accepted config tree goes through the writer: atomic, digest-checked, heard by listeners. */
class GuestConfigWriterRestoreTest {

    @TempDir
    Path tmp;
    Path root;
    GuestConfigWriter writer;
    final List<String> heard = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("etc-vservers"));
        FixtureTree.buildReference(root);
        Files.createDirectories(root.resolve("web1/apps/vunify"));
        Files.writeString(root.resolve("web1/apps/vunify/exclude"), "/etc/hostname\n");
        writer = new GuestConfigWriter(root, Files.createDirectories(tmp.resolve("vservers")));
        writer.addListener(new ConfigWriteListener() {

            @Override
            public void written(String guest, GuestConfig after) {
                heard.add("written " + guest + " " + after.digest());
            }

            @Override
            public void created(String guest, GuestConfig after) {
                heard.add("created " + guest);
            }

            @Override
            public void deleted(String guest) {
                heard.add("deleted " + guest);
            }
        });
    }

    private Map<String, AcceptedEntry> accepted() throws IOException {
        Map<String, AcceptedEntry> out = new TreeMap<>();
        for (var e : writer.reader().readGuest("web1").manifest().fingerprints().entrySet()) {
            Path p = root.resolve("web1").resolve(e.getKey());
            out.put(e.getKey(), new AcceptedEntry(e.getValue(), e.getValue().startsWith("f:") ? Files.readAllBytes(p) : null));
        }
        return out;
    }

    @Test
    void handEditsAreUndoneEntryByEntryAndTheListenersHearAWrite() throws IOException {
        Map<String, AcceptedEntry> accepted = accepted();
        String acceptedDigest = writer.reader().readGuest("web1").digest();
        Map<String, String> acceptedFiles = FixtureTree.snapshot(root.resolve("web1"));
        // a changed file, an added file, a removed file and a directory turned into a file
        Files.writeString(root.resolve("web1/context"), "666\n");
        Files.writeString(root.resolve("web1/added-by-hand"), "x\n");
        Files.delete(root.resolve("web1/apps/vunify/exclude"));
        Files.delete(root.resolve("web1/apps/vunify"));
        Files.writeString(root.resolve("web1/apps/vunify"), "now a file\n");
        String drifted = writer.reader().readGuest("web1").digest();

        GuestConfig after = writer.restore("web1", drifted, accepted);

        assertThat(after.digest()).isEqualTo(acceptedDigest);
        assertThat(FixtureTree.snapshot(root.resolve("web1"))).isEqualTo(acceptedFiles);
        assertThat(heard).containsExactly("written web1 " + acceptedDigest);
    }

    @Test
    void aTreeChangedSinceItWasSeenIsRefusedAndLeftAsItIs() throws IOException {
        Map<String, AcceptedEntry> accepted = accepted();
        String seen = writer.reader().readGuest("web1").digest();
        Files.writeString(root.resolve("web1/context"), "666\n");
        Map<String, String> onDisk = FixtureTree.snapshot(root.resolve("web1"));

        assertThatThrownBy(() -> writer.restore("web1", seen, accepted)).isInstanceOf(ConfigConflictException.class);

        assertThat(FixtureTree.snapshot(root.resolve("web1"))).isEqualTo(onDisk);
        assertThat(heard).isEmpty();
    }
}

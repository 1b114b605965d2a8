package org.vsconsole.host.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.TreeArchive;
import org.vsconsole.host.TreePass;
import org.vsconsole.host.TreeRemover;

/**
 * A guest tree moved between two real agents on their sockets, as a migration moves it: read
 * from one in chunks, written to the other in chunks, unpacked there with owners, modes, links,
 * hard links and xattrs as they were. A tree where one already is, a tree larger than the room
 * there, and an archive made to escape its root are refused and leave nothing behind.
 */
class AgentTreeTransferTest {

    @TempDir
    Path temp;

    FakeVserverAgentBed source;
    FakeVserverAgentBed target;

    @BeforeEach
    void setUp() throws Exception {
        source = new FakeVserverAgentBed(Files.createDirectories(temp.resolve("a")));
        target = new FakeVserverAgentBed(Files.createDirectories(temp.resolve("b")));
        Files.delete(target.guestsRoot.resolve("web1")); // the target has web1's config, not its tree
        Path root = source.guestsRoot.resolve("web1");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/hostname"), "web1\n");
        Files.write(root.resolve("etc/big"), new byte[3 * TreeTransfer.CHUNK + 17]); // spans chunks
        Files.writeString(root.resolve("etc/changed"), "changed by the tenant\n");
        Files.createLink(root.resolve("etc/hard"), root.resolve("etc/changed"));
        Files.createSymbolicLink(root.resolve("hosts-link"), Path.of("/etc/hosts"));
        run("chown", "-R", "1048576:1048577", root.toString());
        run("chown", "1048600:1048600", root.resolve("etc/changed").toString());
        run("chmod", "4750", root.resolve("etc/changed").toString());
        Files.getFileAttributeView(root.resolve("etc/hostname"), UserDefinedFileAttributeView.class)
                .write("note", StandardCharsets.UTF_8.encode("kept"));
    }

    @AfterEach
    void tearDown() throws IOException {
        source.close();
        target.close();
    }

    @Test
    void aTreeMovesWithItsOwnersModesLinksAndXattrs() throws Exception {
        AgentHostDriver from = source.client();
        AgentHostDriver to = target.client();
        long[] progress = {0};
        long sent;
        try (InputStream archive = from.exportTree("web1", TreePass.WHOLE)) {
            sent = to.importTree("web1", archive, 4L << 20, TreePass.WHOLE, () -> false, n -> progress[0] = n);
        }

        assertThat(sent).isGreaterThan(3L * TreeTransfer.CHUNK);
        assertThat(progress[0]).isEqualTo(sent);
        Path moved = target.guestsRoot.resolve("web1");
        assertThat(listing(moved)).isEqualTo(listing(source.guestsRoot.resolve("web1")));
        assertThat(Files.getAttribute(moved.resolve("etc/changed"), "unix:ino"))
                .as("a hard link stays one file").isEqualTo(Files.getAttribute(moved.resolve("etc/hard"), "unix:ino"));
        assertThat(Files.readSymbolicLink(moved.resolve("hosts-link"))).isEqualTo(Path.of("/etc/hosts"));
        UserDefinedFileAttributeView xattrs = Files.getFileAttributeView(moved.resolve("etc/hostname"), UserDefinedFileAttributeView.class);
        java.nio.ByteBuffer note = java.nio.ByteBuffer.allocate(16);
        xattrs.read("note", note);
        assertThat(new String(note.array(), 0, note.position(), StandardCharsets.UTF_8)).as("a user xattr stays").isEqualTo("kept");
    }

    @Test
    void aPreCopyThenAFinalPassLeavesTheTreeAsItIsAtTheEndWithDeletionsApplied() throws Exception {
        AgentHostDriver from = source.client();
        AgentHostDriver to = target.client();
        Path root = source.guestsRoot.resolve("web1");
        try (InputStream first = from.exportTree("web1", TreePass.FIRST)) {
            to.importTree("web1", first, 4L << 20, TreePass.FIRST, () -> false, n -> {
            });
        }
        // while the first pass was on its way, the guest went on: a change, a deletion, a new file, a new directory
        Files.writeString(root.resolve("etc/hostname"), "web1 after the first pass\n");
        Files.delete(root.resolve("etc/big"));
        Files.writeString(root.resolve("etc/new"), "made after the first pass\n");
        Files.createDirectories(root.resolve("var/cache"));
        run("chown", "-R", "1048576:1048577", root.resolve("var").toString(), root.resolve("etc/new").toString());
        long finalBytes;
        try (InputStream rest = from.exportTree("web1", TreePass.FINAL)) {
            finalBytes = to.importTree("web1", rest, 0, TreePass.FINAL, () -> false, n -> {
            });
        }

        assertThat(finalBytes).as("the final pass carries what changed, not the tree").isLessThan(TreeTransfer.CHUNK);
        assertThat(listing(target.guestsRoot.resolve("web1"))).isEqualTo(listing(root));
        assertThat(target.guestsRoot.resolve("web1/etc/big")).doesNotExist();
        assertThat(source.guestsRoot.resolve(".web1.tree-snapshot")).as("the snapshot goes with the final pass").doesNotExist();
    }

    @Test
    void aFinalPassWithoutAFirstIsRefused() {
        assertThatThrownBy(() -> source.client().exportTree("web1", TreePass.FINAL).read())
                .hasMessageContaining("no first pass");
    }

    @Test
    void aTreeWhereOneIsAlreadyIsRefusedAndTheOneThereStays() throws Exception {
        Path there = Files.createDirectories(target.guestsRoot.resolve("web1"));
        Files.writeString(there.resolve("keep"), "theirs");
        try (InputStream archive = source.client().exportTree("web1", TreePass.WHOLE)) {
            assertThatThrownBy(() -> target.client().importTree("web1", archive, 1, TreePass.WHOLE, () -> false, n -> {
            })).isInstanceOf(HostOperationException.class).hasMessageContaining("already exists");
        }
        assertThat(Files.readString(there.resolve("keep"))).isEqualTo("theirs");
    }

    @Test
    void aTreeLargerThanTheRoomThereIsRefusedBeforeAByteIsSent() throws Exception {
        try (InputStream archive = source.client().exportTree("web1", TreePass.WHOLE)) {
            assertThatThrownBy(() -> target.client().importTree("web1", archive, 1L << 49, TreePass.WHOLE, () -> false, n -> {
            })).isInstanceOfSatisfying(InvalidInputException.class, e -> {
                assertThat(e.field()).isEqualTo("bytes");
                assertThat(e.rule()).contains("needs").contains("free for guests");
            });
        }
        assertThat(target.guestsRoot.resolve("web1")).doesNotExist();
    }

    @Test
    void aBadGuestNameIsRefusedByItsField() {
        AgentHostDriver to = target.client();
        assertThatThrownBy(() -> to.importTree("../etc", InputStream.nullInputStream(), 0, TreePass.WHOLE, () -> false, n -> {
        })).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("guest"));
        assertThat(target.guestsRoot.resolve("web1")).doesNotExist();
    }

    @Test
    void anArchiveMadeToEscapeItsRootWritesNothingOutsideIt() throws Exception {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Path work = Files.createDirectories(temp.resolve("evil"));
        Files.writeString(work.resolve("pwned"), "escaped\n");
        Files.createDirectories(work.resolve("x"));
        Files.writeString(work.resolve("x/pwned"), "through the link\n");
        Files.createSymbolicLink(work.resolve("link"), outside);
        Path evil = temp.resolve("evil.tar");
        // a member named ../pwned, then a link to outside, then a member written through the link
        run("tar", "-C", work.toString(), "--format=posix", "-cf", evil.toString(), "--transform=s,^pwned,../pwned,", "pwned");
        run("tar", "-C", work.toString(), "--format=posix", "-rf", evil.toString(), "link");
        run("tar", "-C", work.toString(), "--format=posix", "-rf", evil.toString(), "--transform=s,^x,link,", "x/pwned");
        Path root = temp.resolve("guests/evil");
        Files.createDirectories(root.getParent());

        try (InputStream in = Files.newInputStream(evil)) {
            TreeArchive.extract(root, in, () -> false, n -> {
            }, new TreeRemover(Path.of("/proc/self/mountinfo")));
        } catch (IOException e) {
            // tar may say it skipped members; what counts is where nothing went
        }

        assertThat(temp.resolve("guests/pwned")).doesNotExist();
        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files.toList()).as("nothing written through the link").isEmpty();
        }
    }

    /** Path, owner, mode, size and content digest of every entry, links not followed. */
    private static Map<String, String> listing(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                Map<String, Object> a = Files.readAttributes(p, "unix:uid,gid,mode,size", LinkOption.NOFOLLOW_LINKS);
                String content = Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        ? java.util.HexFormat.of()
                                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)))
                        : Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p) : "dir";
                out.put(root.relativize(p).toString(), a.get("uid") + ":" + a.get("gid") + " " + Integer.toOctalString((int) a.get("mode"))
                        + " " + content);
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static void run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(List.of(argv) + ": " + said).isZero();
    }

}

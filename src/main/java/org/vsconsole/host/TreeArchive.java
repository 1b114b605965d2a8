package org.vsconsole.host;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.vsconsole.host.process.ProcessRunner;

/**
 * A stopped guest's root as one stream, and that stream as a new root on another host: GNU tar
 * in POSIX format with numeric owners (the guest's shifted ids stay as they are; the target's
 * start moves them into its context's range), ACLs, file capabilities and user xattrs, sparse
 * files and hard links, never leaving the root's file system.
 *
 * <p>The archive is made by the source host's agent but holds what tenants put in their tree,
 * so extraction keeps GNU tar's defences: member names with {@code ..} or a leading {@code /}
 * are refused or made relative, and a symlink that is absolute or climbs with {@code ..} is
 * created only after every file, so no member is written through it. Only {@code user.*} xattrs
 * and {@code security.capability} are restored: {@code trusted.*} and security labels are not
 * a tenant's to carry.
 */
public final class TreeArchive {

    private static final String TAR = "tar";
    private static final List<String> ATTRIBUTES = List.of("--numeric-owner", "--acls", "--xattrs", "--xattrs-include=user.*",
            "--xattrs-include=security.capability");

    private TreeArchive() {
    }

    /** A tar stream of {@code root}; reading it to its end checks tar's exit; closing it early ends tar. */
    public static InputStream export(Path root) throws IOException {
        return export(root, TreePass.WHOLE);
    }

    /**
     * A tar stream of {@code root} for {@code pass}. A pre-copy's passes are GNU tar incremental
     * dumps over one snapshot file beside the root: the first records what it saw, the final
     * carries only what changed since, with each directory's listing, so unpacking it also
     * removes what was deleted meanwhile. The first pass reads a running guest, so a file that
     * changed while tar read it is not an error there; the final pass fixes it.
     */
    public static InputStream export(Path root, TreePass pass) throws IOException {
        requireDirectory(root);
        Path snapshot = snapshotOf(root);
        List<String> argv = new ArrayList<>(List.of(TAR, "--create", "--file=-", "--format=posix", "--sparse", "--one-file-system"));
        argv.addAll(ATTRIBUTES);
        switch (pass) {
            case WHOLE -> {
            }
            case FIRST -> {
                Files.deleteIfExists(snapshot);
                argv.add("--listed-incremental=" + snapshot);
            }
            case FINAL -> {
                if (!Files.isRegularFile(snapshot, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException("no first pass of " + root + " was made (" + snapshot + " is missing)");
                }
                argv.add("--listed-incremental=" + snapshot);
            }
        }
        argv.addAll(List.of("--directory=" + root, "--", "."));
        Tar tar = Tar.start(argv, ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return new FilterInputStream(tar.process().getInputStream()) {

            private boolean checked;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n < 0 && !checked) {
                    checked = true;
                    // GNU tar exits 1 when a file changed while it read it: only a running guest's first pass may
                    tar.finish("archiving " + root, pass == TreePass.FIRST ? 1 : 0);
                    if (pass == TreePass.FINAL) {
                        Files.deleteIfExists(snapshot);
                    }
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                if (!checked) {
                    tar.process().destroyForcibly();
                }
                super.close();
            }
        };
    }

    /**
     * Unpacks {@code archive} into {@code root}, which must not exist yet; returns the bytes read.
     * A failure or a cancel removes what was unpacked, with {@code remover}.
     */
    public static long extract(Path root, InputStream archive, BooleanSupplier cancelled, LongConsumer progress, TreeRemover remover)
            throws IOException {
        return extract(root, archive, TreePass.WHOLE, cancelled, progress, remover);
    }

    /**
     * Unpacks {@code archive}, made for {@code pass}: a whole or first pass into {@code root},
     * which must not exist yet; a final pass into the root its first pass made, replacing what
     * changed and removing what was deleted. A failure or a cancel removes the root, with {@code remover}.
     */
    public static long extract(Path root, InputStream archive, TreePass pass, BooleanSupplier cancelled, LongConsumer progress,
            TreeRemover remover) throws IOException {
        if (pass == TreePass.FINAL) {
            requireDirectory(root);
        } else if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(root + " already exists"); // and is not ours to remove
        } else {
            Files.createDirectory(root);
        }
        try {
            return extract(root, archive, pass != TreePass.WHOLE, cancelled, progress);
        } catch (IOException | RuntimeException e) {
            try {
                if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                    remover.remove(root);
                }
            } catch (IOException left) {
                e.addSuppressed(left);
            }
            throw e;
        }
    }

    private static long extract(Path root, InputStream archive, boolean incremental, BooleanSupplier cancelled, LongConsumer progress)
            throws IOException {
        List<String> argv = new ArrayList<>(List.of(TAR, "--extract", "--file=-", "--same-owner", "--preserve-permissions"));
        argv.addAll(ATTRIBUTES);
        if (incremental) {
            argv.add("--listed-incremental=/dev/null"); // apply each directory's listing: what was deleted goes
        }
        argv.add("--directory=" + root);
        Tar tar = Tar.start(argv, ProcessBuilder.Redirect.PIPE);
        long copied = 0;
        byte[] buffer = new byte[256 * 1024];
        try (OutputStream in = tar.process().getOutputStream()) {
            int n;
            while ((n = archive.read(buffer)) >= 0) {
                if (cancelled.getAsBoolean()) {
                    throw new IOException("the copy was cancelled");
                }
                try {
                    in.write(buffer, 0, n);
                } catch (IOException brokenPipe) {
                    tar.finish("unpacking into " + root, 0); // tar stopped reading: it says why
                    throw brokenPipe;
                }
                copied += n;
                progress.accept(copied);
            }
        } catch (IOException | RuntimeException e) {
            tar.process().destroyForcibly();
            throw e;
        }
        tar.finish("unpacking into " + root, 0);
        return copied;
    }

    /** Where a pre-copy's first pass leaves its snapshot: beside the root, root's alone, gone after the final pass. */
    private static Path snapshotOf(Path root) {
        return root.resolveSibling("." + root.getFileName() + ".tree-snapshot");
    }

    private static void requireDirectory(Path root) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(root + " is not a directory");
        }
    }

    /** tar and the end of what it says on stderr (read on a thread of its own: a full pipe would stall it). */
    private record Tar(Process process, Thread errors, StringBuilder said) {

        static Tar start(List<String> argv, ProcessBuilder.Redirect input) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(input);
            builder.environment().clear();
            builder.environment().putAll(ProcessRunner.hostEnvironment());
            Process process = builder.start();
            StringBuilder said = new StringBuilder();
            Thread errors = Thread.ofPlatform().daemon().name("tar-err-" + process.pid()).start(() -> {
                try (InputStream err = process.getErrorStream()) {
                    byte[] buffer = new byte[4096];
                    int n;
                    while ((n = err.read(buffer)) >= 0) {
                        synchronized (said) {
                            said.append(new String(buffer, 0, n, java.nio.charset.StandardCharsets.UTF_8));
                            if (said.length() > 4096) {
                                said.delete(0, said.length() - 4096);
                            }
                        }
                    }
                } catch (IOException e) {
                    // tar was ended; its exit code tells
                }
            });
            return new Tar(process, errors, said);
        }

        /** Waits for tar; an exit above {@code worstOk} names what it was doing and what tar said last. */
        void finish(String what, int worstOk) throws IOException {
            boolean ended;
            try {
                ended = process.waitFor(60, TimeUnit.SECONDS);
                errors.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new IOException("interrupted while " + what, e);
            }
            if (!ended) {
                process.destroyForcibly();
                throw new IOException("tar did not end after " + what);
            }
            if (process.exitValue() > worstOk) {
                String text;
                synchronized (said) {
                    text = said.toString().strip();
                }
                throw new IOException("tar failed " + what + " (exit " + process.exitValue() + ")" + (text.isEmpty() ? "" : ": " + text));
            }
        }
    }
}

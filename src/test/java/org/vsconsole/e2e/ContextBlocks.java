package org.vsconsole.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Blocks of static context ids for the consoles the integration tests start, one block per
 * running console on this machine. The linux driver names a guest's host-side veth after its
 * context ({@code vsh40000}), so two consoles that both gave their first guest the default 40000
 * would collide when their test classes run at once (failsafe runs two JVMs). A block is claimed by
 * creating a file named after it that holds the claiming JVM's pid; a claim whose JVM has died
 * (a killed run) is taken over.
 */
final class ContextBlocks {

    static final int FIRST = 42_000;
    static final int SIZE = 100;
    /** Static contexts end at 49151; 41xxx stays free for the tests that name their contexts. */
    static final int LAST = 49_000;

    private static final Path CLAIMS = Path.of(System.getProperty("java.io.tmpdir"), "vsconsole-it-contexts");

    private ContextBlocks() {
    }

    /** Claims a free block and returns its first context id. */
    static int claim() {
        try {
            Files.createDirectories(CLAIMS);
            String self = Long.toString(ProcessHandle.current().pid());
            for (int first = FIRST; first <= LAST; first += SIZE) {
                Path claim = CLAIMS.resolve(Integer.toString(first));
                for (int attempt = 0; attempt < 2; attempt++) {
                    try {
                        Files.writeString(Files.createFile(claim), self, StandardCharsets.US_ASCII);
                        return first;
                    } catch (FileAlreadyExistsException taken) {
                        if (holderAlive(claim)) {
                            break;
                        }
                        Files.deleteIfExists(claim);
                    }
                }
            }
            throw new IllegalStateException("every context block in " + CLAIMS + " is claimed by a running test JVM");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void release(int first) {
        try {
            Files.deleteIfExists(CLAIMS.resolve(Integer.toString(first)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean holderAlive(Path claim) {
        try {
            String pid = Files.readString(claim, StandardCharsets.US_ASCII).strip();
            // a claim being written right now is empty for a moment: count it as held
            return pid.isEmpty() || !pid.matches("[0-9]{1,10}") || ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive)
                    .orElse(false);
        } catch (IOException e) {
            return true;
        }
    }
}

package org.vsconsole.host.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.config.GuestTreeScanner.Entry;
import org.vsconsole.host.config.GuestTreeScanner.Kind;

/**
 * The file steps of one planned change, held against the guest's tree as it was scanned: a write
 * of bytes the file already holds and a delete of what is not there are left out, and a file is
 * read for a read-modify-write only when it can be written back intact.
 */
final class FileSteps {

    private final Map<String, Entry> entries;
    private final List<FileOp> ops = new ArrayList<>();

    FileSteps(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /** The steps so far, in order. */
    List<FileOp> steps() {
        return ops;
    }

    /** Whether the scan found anything (a file, a directory, a link) at {@code path}. */
    boolean exists(String path) {
        return entries.containsKey(path);
    }

    /** The file's exact text for a read-modify-write, refusing anything we could not keep intact. */
    @Nullable
    String rawText(String path) {
        Entry e = entries.get(path);
        if (e == null) {
            return null;
        }
        if (e.kind() != Kind.FILE) {
            throw new UnsafePathException(path + " is not a regular file; not changed");
        }
        if (e.truncated()) {
            throw new InvalidInputException(path, "file is too large to edit safely");
        }
        for (byte b : e.content()) {
            if (b == 0) {
                throw new InvalidInputException(path, "file holds binary content; fix it by hand first");
            }
        }
        return new String(e.content(), StandardCharsets.UTF_8);
    }

    void write(String path, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Entry e = entries.get(path);
        if (e != null && e.kind() == Kind.FILE && !e.truncated() && Arrays.equals(e.content(), bytes)) {
            return;
        }
        ops.add(new FileOp.Write(path, bytes));
    }

    void delete(String path) {
        if (entries.containsKey(path)) {
            ops.add(new FileOp.Delete(path));
        }
    }

    /** Removes a whole entry directory ({@code interfaces/<id>}, {@code dlimits/<id>}). */
    void deleteTree(String path) {
        ops.add(new FileOp.DeleteTree(path));
    }
}

package org.vsconsole.host.quota;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Creates what Java's file API cannot for the tagging tests: a file whose name is not valid in the
 * JVM's charset, and a FIFO. Not part of the console.
 */
final class TestLibC {

    private interface C extends Library {

        C LIB = Native.load("c", C.class);

        int open(byte[] path, int flags, int mode);

        int write(int fd, byte[] data, long count);

        int close(int fd);

        int mkfifo(byte[] path, int mode);
    }

    private static final int O_WRONLY_CREAT_EXCL = 01 | 0100 | 0200;

    private TestLibC() {
    }

    static void createFile(byte[] path, int size) throws IOException {
        int fd = C.LIB.open(Fd.cString(path), O_WRONLY_CREAT_EXCL, 0644);
        if (fd < 0) {
            throw new IOException("cannot create the test file: errno " + Native.getLastError());
        }
        try {
            if (C.LIB.write(fd, new byte[size], size) != size) {
                throw new IOException("short write to the test file: errno " + Native.getLastError());
            }
        } finally {
            C.LIB.close(fd);
        }
    }

    static void mkfifo(Path path) throws IOException {
        if (C.LIB.mkfifo(Fd.cString(path.toString().getBytes()), 0644) != 0) {
            throw new IOException("cannot make the FIFO " + path + ": errno " + Native.getLastError());
        }
    }
}

package org.vsconsole.host.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host-wide proc files, read from a fixture proc root the way the sampler and the limits read them. */
class HostProcReaderTest {

    @TempDir
    Path proc;

    @Test
    void readsLoadMemoryPageSizeAndBootIdFromTheProcRoot() throws IOException {
        Files.writeString(proc.resolve("loadavg"), "0.52 0.58 0.59 1/467 12345\n");
        Files.writeString(proc.resolve("meminfo"), "MemTotal:       16318412 kB\nMemFree:  100 kB\nMemAvailable:   8000000 kB\n");
        Files.createDirectories(proc.resolve("self"));
        Files.writeString(proc.resolve("self/smaps"), "55d0c-55d0e r--p 00000000 fd:01 1 /usr/bin/java\nSize:  8 kB\n"
                + "KernelPageSize:       64 kB\nMMUPageSize:  64 kB\n");
        Files.createDirectories(proc.resolve("sys/kernel/random"));
        Files.writeString(proc.resolve("sys/kernel/random/boot_id"), "3f1c0b2e-8a4d-4f7e-9b1a-0c2d4e6f8a9b\n");
        HostProcReader reader = new HostProcReader(proc);

        assertThat(reader.load()).isEqualTo(new HostProcReader.Load(0.52, 0.58, 0.59));
        assertThat(reader.memory()).isEqualTo(new HostProcReader.Memory(16318412L * 1024, 8000000L * 1024));
        assertThat(reader.pageSize()).isEqualTo(64 * 1024);
        assertThat(reader.bootId()).isEqualTo("3f1c0b2e-8a4d-4f7e-9b1a-0c2d4e6f8a9b");
    }

    @Test
    void whatCannotBeReadStaysUnknownInsteadOfFailingTheCaller() throws IOException {
        Files.writeString(proc.resolve("loadavg"), "garbage\n");
        HostProcReader reader = new HostProcReader(proc);

        assertThat(reader.load()).isEqualTo(HostProcReader.Load.UNKNOWN);
        assertThat(reader.memory()).isEqualTo(HostProcReader.Memory.UNKNOWN);
        assertThat(reader.pageSize()).isEqualTo(4096);
        assertThatThrownBy(reader::bootId).isInstanceOf(IOException.class);
    }

    @Test
    void theRealProcOfThisMachineGivesPlausibleFigures() {
        HostProcReader reader = new HostProcReader(Path.of("/proc"));

        assertThat(reader.memory().totalBytes()).isGreaterThan(64L << 20);
        assertThat(reader.pageSize()).isIn(4096L, 16384L, 65536L, 2L << 20);
    }
}

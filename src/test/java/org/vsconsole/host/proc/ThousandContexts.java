package org.vsconsole.host.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Linux-VServer host of many running contexts as files: {@code /proc/virtual} with each
 * context's limit, sched, cvirt and cacct in the kernel's formats (the reference fixtures), and a
 * config root with one guest per context. For benchmarks that need a big host the build machine
 * cannot have; {@link #tick} changes a tenth of the contexts' figures, as a busy host would.
 */
public final class ThousandContexts {

    private ThousandContexts() {
    }

    public static void generate(Path proc, Path config, int contexts) throws IOException {
        Path virtual = Files.createDirectories(proc.resolve("virtual"));
        Files.writeString(proc.resolve("uptime"), "20000000.00 39000000.00\n");
        Files.writeString(virtual.resolve("info"), "VCIVersion:\t0002:0203\nVCISyscall:\t236\nVCIKernel:\t03000016\n");
        Files.writeString(virtual.resolve("status"), "#CTotal:\t" + contexts + "\n#CActive:\t" + contexts + "\n");
        String limit = Fixtures.reference("limit-2.2-15rows");
        String sched = Fixtures.reference("sched-2.2");
        String cvirt = Fixtures.reference("cvirt-2.0-uts");
        String cacct = Fixtures.reference("cacct-2.2");
        String status = Fixtures.reference("ctx-status-2.2");
        String nsproxy = "NSProxy:\tffff88007a1c3e40 [ffff88007b2e1a00,ffff88007c0d8b40,ffff88007c0d9c80]\n"
                + "SEMS:\t\t250 32000 32 128  2\nMSG:\t\t8192 16384 32000\nSHM:\t\t33554432 2097152  4096 1024\n";
        for (int c = 0; c < contexts; c++) {
            int xid = 40000 + c;
            Path dir = Files.createDirectories(virtual.resolve(Integer.toString(xid)));
            Files.writeString(dir.resolve("info"), "ID:\t" + xid + "\nInfo:\tffff88007c3d2000\nInit:\t0\n");
            Files.writeString(dir.resolve("status"), status);
            Files.writeString(dir.resolve("limit"), limit.replace("   61234", String.format("%8d", 1000 + c)));
            Files.writeString(dir.resolve("sched"), sched);
            Files.writeString(dir.resolve("cvirt"), cvirt.replace("web1", "guest" + c));
            Files.writeString(dir.resolve("cacct"), cacct);
            Files.writeString(dir.resolve("nsproxy"), nsproxy);
            Path guest = Files.createDirectories(config.resolve("guest" + c));
            Files.writeString(guest.resolve("context"), xid + "\n");
            if (c % 10 == 0) {
                Files.writeString(guest.resolve("name"), "Guest number " + c + "\n");
            }
        }
    }

    /** Rewrites the process count of every tenth context (a different tenth each {@code n}). */
    public static void tick(Path proc, int contexts, long n) throws IOException {
        String limit = Fixtures.reference("limit-2.2-15rows");
        for (int c = (int) (n % 10); c < contexts; c += 10) {
            int xid = 40000 + c;
            Path file = proc.resolve("virtual").resolve(Integer.toString(xid)).resolve("limit");
            Files.writeString(file, limit.replace("   61234", String.format("%8d", 1000 + c + (int) (n % 50))));
        }
    }
}

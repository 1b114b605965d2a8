package org.vsconsole.host.proc;

/** Parses {@code /proc/virtual/info} (and {@code /proc/virtnet/info}, which has the same text). */
public final class VirtualInfoParser {

    private VirtualInfoParser() {
    }

    public static Parsed<VirtualInfo> parse(String text) {
        Warnings warnings = new Warnings("virtual/info");
        LineScanner lines = new LineScanner(text);
        int version = 0;
        boolean versionSeen = false;
        int syscall = 0;
        long kernelBits = 0;
        boolean kernelSeen = false;
        while (lines.nextLine()) {
            if (lines.keyIs("VCIVersion")) {
                long major = lines.nextHex();
                long minor = lines.nextHex();
                if (lines.numberMissing() || major > 0xffff || minor > 0xffff) {
                    warnings.add("VCIVersion not of the form xxxx:xxxx");
                } else {
                    version = (int) (major << 16 | minor);
                    versionSeen = true;
                }
            } else if (lines.keyIs("VCISyscall")) {
                syscall = (int) lines.nextLong();
            } else if (lines.keyIs("VCIKernel")) {
                kernelBits = lines.nextHex();
                kernelSeen = !lines.numberMissing();
            } else if (!lines.hasKey() && !lines.lineIsBlank()) {
                lines.warnUnreadable(warnings);
            }
        }
        lines.warnIfTruncated(warnings);
        if (!versionSeen) {
            warnings.add("no VCIVersion line; kernel generation unknown");
        }
        return warnings.result(new VirtualInfo(version, syscall, kernelBits, kernelSeen));
    }
}

package org.vsconsole.host.proc;

import java.util.Optional;

/** Collects the uts lines that cvirt and nsproxy print in the same way. */
final class UtsNamesBuilder {

    private String sysName = "";
    private String nodeName = "";
    private String release = "";
    private String version = "";
    private String machine = "";
    private String domainName = "";
    private boolean seen;

    /** Takes the current line if it is a uts line; returns whether it was. */
    boolean accept(LineScanner lines) {
        if (lines.keyIs("SysName")) {
            sysName = lines.restOfLine();
        } else if (lines.keyIs("NodeName")) {
            nodeName = lines.restOfLine();
        } else if (lines.keyIs("Release")) {
            release = lines.restOfLine();
        } else if (lines.keyIs("Version")) {
            version = lines.restOfLine();
        } else if (lines.keyIs("Machine")) {
            machine = lines.restOfLine();
        } else if (lines.keyIs("DomainName")) {
            domainName = lines.restOfLine();
        } else {
            return false;
        }
        seen = true;
        return true;
    }

    Optional<UtsNames> build() {
        return seen ? Optional.of(new UtsNames(sysName, nodeName, release, version, machine, domainName)) : Optional.empty();
    }
}

package org.vsconsole.host.proc;

/** The virtualised {@code uname} of a context (cvirt on 2.0/2.2, nsproxy on late 2.3). */
public record UtsNames(String sysName, String nodeName, String release, String version, String machine, String domainName) {
}

package org.vsconsole.host.proc;

/** One address-family row of {@code cacct}: packets/bytes received, sent and failed. */
public record SocketTraffic(
        String family, long receivedCount, long receivedBytes, long sentCount, long sentBytes, long failedCount, long failedBytes) {
}

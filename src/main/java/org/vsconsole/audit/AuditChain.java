package org.vsconsole.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The hash of a row: SHA-256 over the previous row's hash and every column of the row, each
 * field length-prefixed so that moving characters between fields changes the hash.
 */
final class AuditChain {

    static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    static String hash(AuditEvent e, String prevHash) {
        StringBuilder canonical = new StringBuilder(256);
        field(canonical, prevHash);
        field(canonical, Long.toString(e.seq()));
        field(canonical, Long.toString(e.time().getEpochSecond()) + "." + e.time().getNano());
        field(canonical, e.actor());
        field(canonical, e.actorRoles());
        field(canonical, e.clientAddress());
        field(canonical, e.action());
        field(canonical, e.targetGuest());
        field(canonical, e.targetXid() == null ? null : e.targetXid().toString());
        field(canonical, e.targetDetail());
        field(canonical, e.beforeJson());
        field(canonical, e.afterJson());
        field(canonical, e.outcome().dbValue());
        field(canonical, e.message());
        field(canonical, Long.toString(e.durationMs()));
        field(canonical, e.correlationId());
        return HexFormat.of().formatHex(sha256().digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static void field(StringBuilder out, @Nullable String value) {
        if (value == null) {
            out.append("-1:");
        } else {
            out.append(value.length()).append(':').append(value);
        }
        out.append('|');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

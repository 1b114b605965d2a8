package org.vsconsole.host.config;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * An IPv4 or IPv6 address literal parsed by our own strict code. {@code InetAddress.getByName}
 * is never used: it resolves host names (a DNS lookup during validation) and its treatment of
 * IPv4 short forms and leading zeros has changed between JDK updates.
 *
 * @param bytes 4 or 16 address bytes, compared for uniqueness so {@code ::1} equals
 *              {@code 0:0::1}
 * @param text  the literal as given (already known to be well formed)
 */
public record IpLiteral(byte[] bytes, String text) {

    public IpLiteral {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public boolean isIpv6() {
        return bytes.length == 16;
    }

    /** Largest prefix length for this address family. */
    public int maxPrefix() {
        return isIpv6() ? 128 : 32;
    }

    public boolean sameAddress(IpLiteral other) {
        return Arrays.equals(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpLiteral other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return text;
    }

    /** Parses a literal; null when it is not a strict IPv4 or IPv6 literal. */
    static @Nullable IpLiteral tryParse(@Nullable String s) {
        if (s == null || s.isEmpty() || s.length() > 45) {
            return null;
        }
        byte[] b = s.indexOf(':') >= 0 ? parseV6(s) : parseV4(s);
        return b == null ? null : new IpLiteral(b, s);
    }

    /** Four decimal octets 0..255, no leading zeros (some parsers read them as octal), no short forms. */
    static byte @Nullable [] parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int v = 0;
            for (int k = 0; k < p.length(); k++) {
                char c = p.charAt(k);
                if (c < '0' || c > '9') {
                    return null;
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    /** RFC 4291 text forms: up to 8 groups of 1..4 hex digits, one "::", optional dotted IPv4 tail; no zone id. */
    static byte @Nullable [] parseV6(String s) {
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        int[] headGroups = groups(head, dbl < 0);
        if (headGroups == null) {
            return null;
        }
        int[] tailGroups = dbl >= 0 ? groups(tail, true) : new int[0];
        if (tailGroups == null) {
            return null;
        }
        // an IPv4 tail is allowed only as the last part, in whichever side holds the end
        int total = headGroups.length + tailGroups.length;
        if (dbl < 0 && total != 8) {
            return null;
        }
        if (dbl >= 0 && total > 7) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < headGroups.length; i++) {
            out[2 * i] = (byte) (headGroups[i] >> 8);
            out[2 * i + 1] = (byte) headGroups[i];
        }
        int offset = 8 - tailGroups.length;
        for (int i = 0; i < tailGroups.length; i++) {
            out[2 * (offset + i)] = (byte) (tailGroups[i] >> 8);
            out[2 * (offset + i) + 1] = (byte) tailGroups[i];
        }
        return out;
    }

    /** Groups of a colon-separated part; the last one may be dotted IPv4 when {@code endsAddress}. */
    private static int @Nullable [] groups(String part, boolean endsAddress) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] items = part.split(":", -1);
        String last = items[items.length - 1];
        byte @Nullable [] v4 = null;
        if (last.indexOf('.') >= 0) {
            if (!endsAddress) {
                return null;
            }
            v4 = parseV4(last);
            if (v4 == null) {
                return null;
            }
        }
        int n = items.length - (v4 != null ? 1 : 0);
        int[] out = new int[n + (v4 != null ? 2 : 0)];
        for (int i = 0; i < n; i++) {
            String g = items[i];
            if (g.isEmpty() || g.length() > 4) {
                return null;
            }
            int v = 0;
            for (int k = 0; k < g.length(); k++) {
                char c = g.charAt(k);
                int d = c < 128 ? Character.digit(c, 16) : -1;
                if (d < 0) {
                    return null;
                }
                v = v * 16 + d;
            }
            out[i] = v;
        }
        if (v4 != null) {
            out[n] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
            out[n + 1] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
        }
        return out;
    }
}

package org.vsconsole.host.vserver;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.config.HostGrammar;

/**
 * The last check before a value becomes an argv element. The host model has validated values
 * already; this repeats the rules that matter for argv safety, so that a value beginning with
 * {@code -} can never be read as an option, whatever the caller did.
 */
final class ArgumentCheck {

    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}");
    private static final Pattern DIST = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern MIRROR = Pattern.compile("(https?|ftp|file)://[^\\s]{1,500}");
    /** No ':' or '=': util-vserver splits {@code --interface} values at the first of each. */
    private static final Pattern INTERFACE_DEVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,14}");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
            + "(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    static final int MIN_XID = 2;
    static final int MAX_XID = 49151;

    private ArgumentCheck() {
    }

    static String guestName(String operation, @Nullable String name) {
        if (name == null || !HostGrammar.isHostGuestName(name)) {
            throw refused(operation, name, "guest name '" + name + "' is not a valid vserver name");
        }
        return name;
    }

    static String xid(String operation, String guest, int xid) {
        if (xid < MIN_XID || xid > MAX_XID) {
            throw refused(operation, guest, "context id " + xid + " is outside " + MIN_XID + ".." + MAX_XID);
        }
        return Integer.toString(xid);
    }

    static String tmpfsSize(String operation, String guest, String size) {
        if (!HostGrammar.isTmpfsSizeOption(size)) {
            throw refused(operation, guest, "tmpfs size '" + size + "' is not a size like 64m");
        }
        return size;
    }

    static String hostname(String operation, String guest, String hostname) {
        if (hostname == null || !HOSTNAME.matcher(hostname).matches()) {
            throw refused(operation, guest, "host name '" + hostname + "' is not valid");
        }
        return hostname;
    }

    static String dist(String operation, String guest, @Nullable String dist) {
        if (dist == null || !DIST.matcher(dist).matches()) {
            throw refused(operation, guest, "distribution '" + dist + "' is not valid");
        }
        return dist;
    }

    static String mirror(String operation, String guest, @Nullable String mirror) {
        if (mirror == null || !MIRROR.matcher(mirror).matches()) {
            throw refused(operation, guest, "mirror '" + mirror + "' is not an http, ftp or file URL");
        }
        return mirror;
    }

    /**
     * A device for {@code --interface [DEV:]IP/PREFIX}. {@code nodev} is refused: util-vserver
     * reads it as "no device", not as a device of that name.
     */
    static String interfaceDevice(String operation, String guest, String dev) {
        if (dev == null || !INTERFACE_DEVICE.matcher(dev).matches() || dev.equals("nodev")) {
            throw refused(operation, guest, "device '" + dev + "' cannot be passed to --interface");
        }
        return dev;
    }

    /** An IPv4 or IPv6 literal (no zone, no host name): only digits, hex, '.' and ':' reach argv. */
    static String ipAddress(String operation, String guest, String ip) {
        boolean valid = ip != null && (IPV4.matcher(ip).matches()
                || (ip.contains(":") && IPV6_CHARS.matcher(ip).matches() && isIpv6Literal(ip)));
        if (!valid) {
            throw refused(operation, guest, "address '" + ip + "' is not an IPv4 or IPv6 literal");
        }
        return ip;
    }

    static String prefix(String operation, String guest, String ip, int prefix) {
        int max = ip.contains(":") ? 128 : 32;
        if (prefix < 0 || prefix > max) {
            throw refused(operation, guest, "prefix length " + prefix + " is outside 0.." + max);
        }
        return Integer.toString(prefix);
    }

    private static boolean isIpv6Literal(String ip) {
        try {
            return java.net.InetAddress.ofLiteral(ip) instanceof java.net.Inet6Address;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Absolute and normalised, so it begins with '/' and holds no '..' a tool could resolve. */
    static String absolutePath(String operation, String guest, Path path) {
        if (path == null || !path.isAbsolute() || !path.normalize().equals(path) || path.getNameCount() == 0) {
            throw refused(operation, guest, "path '" + path + "' is not an absolute, normalised path");
        }
        return path.toString();
    }

    static HostOperationException refused(String operation, @Nullable String guest, String message) {
        return new HostOperationException(operation, guest, message);
    }
}

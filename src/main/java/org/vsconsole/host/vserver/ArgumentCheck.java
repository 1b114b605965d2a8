package org.vsconsole.host.vserver;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.vsconsole.host.HostOperationException;

/**
 * The last check before a value becomes an argv element. The host model has validated values
 * already; this repeats the rules that matter for argv safety, so that a value beginning with
 * {@code -} can never be read as an option, whatever the caller did.
 */
final class ArgumentCheck {

    private static final Pattern GUEST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern TMPFS_SIZE = Pattern.compile("[1-9][0-9]{0,15}[kKmMgG%]?");
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}");
    private static final Pattern DIST = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern MIRROR = Pattern.compile("(https?|ftp|file)://[^\\s]{1,500}");
    static final int MIN_XID = 2;
    static final int MAX_XID = 49151;

    private ArgumentCheck() {
    }

    static String guestName(String operation, String name) {
        if (name == null || !GUEST_NAME.matcher(name).matches()) {
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
        if (size == null || !TMPFS_SIZE.matcher(size).matches()) {
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

    static String dist(String operation, String guest, String dist) {
        if (dist == null || !DIST.matcher(dist).matches()) {
            throw refused(operation, guest, "distribution '" + dist + "' is not valid");
        }
        return dist;
    }

    static String mirror(String operation, String guest, String mirror) {
        if (mirror == null || !MIRROR.matcher(mirror).matches()) {
            throw refused(operation, guest, "mirror '" + mirror + "' is not an http, ftp or file URL");
        }
        return mirror;
    }

    /** Absolute and normalised, so it begins with '/' and holds no '..' a tool could resolve. */
    static String absolutePath(String operation, String guest, Path path) {
        if (path == null || !path.isAbsolute() || !path.normalize().equals(path) || path.getNameCount() == 0) {
            throw refused(operation, guest, "path '" + path + "' is not an absolute, normalised path");
        }
        return path.toString();
    }

    static HostOperationException refused(String operation, String guest, String message) {
        return new HostOperationException(operation, guest, message);
    }
}

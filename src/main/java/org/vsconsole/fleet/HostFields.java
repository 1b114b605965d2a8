package org.vsconsole.fleet;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.config.HostGrammar;

/**
 * The allow-list for what an admin types when adding a host. The address reaches the SSH client
 * and the name reaches URLs, the audit log and H2, so each is held to a pattern, not merely
 * escaped.
 */
final class HostFields {

    static final String LOCAL = HostGrammar.LOCAL_HOST;
    static final Pattern NAME = HostGrammar.MANAGED_HOST_NAME;
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
            + "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

    private HostFields() {
    }

    static String name(@Nullable String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("name", "1-32 lower-case letters, digits or '-', starting with a letter and not"
                    + " ending with '-'");
        }
        if (name.equals(LOCAL)) {
            throw new InvalidInputException("name", "'local' is this console's own host");
        }
        return name;
    }

    static String address(@Nullable String address) {
        String a = address == null ? "" : address.strip();
        boolean ipv6 = a.contains(":") && IPV6.matcher(a).matches() && isInetLiteral(a);
        if (!ipv6 && !IPV4.matcher(a).matches() && !(DNS_NAME.matcher(a).matches() && !a.matches("[0-9.]+"))) {
            throw new InvalidInputException("address", "a DNS name, an IPv4 address or an IPv6 address");
        }
        return a;
    }

    static int port(@Nullable Integer port) {
        if (port == null || port < 1 || port > 65535) {
            throw new InvalidInputException("port", "a TCP port from 1 to 65535");
        }
        return port;
    }

    static String user(@Nullable String user) {
        if (user == null || !USER.matcher(user).matches()) {
            throw new InvalidInputException("user", "a login name: 1-32 lower-case letters, digits, '_' or '-', not starting"
                    + " with a digit or '-'");
        }
        return user;
    }

    static String fingerprint(@Nullable String fingerprint) {
        String f = fingerprint == null ? "" : fingerprint.strip();
        if (!FINGERPRINT.matcher(f).matches()) {
            throw new InvalidInputException("fingerprint", "the host key's SHA256 fingerprint as ssh-keygen -lf prints it"
                    + " (SHA256: and 43 base64 characters)");
        }
        return f;
    }

    /** A literal only: the pattern has already ruled out names, so this resolves nothing. */
    private static boolean isInetLiteral(String a) {
        try {
            return java.net.InetAddress.ofLiteral(a) instanceof java.net.Inet6Address;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

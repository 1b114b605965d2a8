package org.vsconsole.host.config;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.LimitValues;

/**
 * The one place that decides which values may reach a path, a file or a command. Every method
 * either returns the accepted value or throws {@link InvalidInputException} naming the field and
 * the rule, so the UI, REST and the writer give the same answer. Patterns are ASCII-only and
 * anchored; nothing starting with '-' is accepted where it could later be read as an argv option.
 *
 * <p>Longer than 300 lines on purpose: one grammar per value, all in one class, is the point of
 * it. Split, the rules for the same value drifted apart before (three regexes for a guest name).
 */
public final class HostGrammar {

    public static final int MIN_XID = 2;
    public static final int MAX_XID = 49151;

    private static final Pattern GUEST_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    /** A host network device name (IFNAMSIZ 16 incl. NUL); public for settings that name one. */
    public static final String DEVICE_NAME = "[a-zA-Z0-9][a-zA-Z0-9_.:-]{0,14}";
    public static final String DEVICE_NAME_RULE = "1-15 ASCII letters, digits, '_', '.', ':' or '-', starting with a letter or digit";
    /** A name that becomes one path component or one word in a file; public for settings that hold one. */
    public static final String ENTRY_ID = "[a-zA-Z0-9][a-zA-Z0-9_.-]{0,31}";
    public static final String ENTRY_ID_RULE = "1-32 ASCII letters, digits, '_', '.' or '-', starting with a letter or digit";
    private static final Pattern DEVICE = Pattern.compile(DEVICE_NAME);
    /** Sub-directory names under interfaces/ and dlimits/: they become path components. */
    private static final Pattern ENTRY = Pattern.compile(ENTRY_ID);
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,14}");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");
    private static final Pattern TMPFS_SIZE = Pattern.compile("[1-9][0-9]{0,12}[kmg]?");
    /** tmpfs's own size= syntax, as a hand-edited fstab may hold it (upper-case units, a share of memory). */
    private static final Pattern TMPFS_SIZE_OPTION = Pattern.compile("[1-9][0-9]{0,15}[kKmMgG%]?");
    /** What util-vserver takes for a guest made by hand: also upper case and one more character. */
    private static final Pattern HOST_GUEST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Set<String> RESERVED_NAMES = Set.of(".", "..", ".defaults", "lost+found");
    /** A managed host's name as the console knows it: it reaches URLs, the audit log and owner lists. */
    public static final Pattern MANAGED_HOST_NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}[a-z0-9]|[a-z]");
    /** The console's own host; never a managed host's name. */
    public static final String LOCAL_HOST = "local";

    private HostGrammar() {
    }

    /** Whether {@link #guestName} accepts {@code name}, for names found on disk rather than typed. */
    public static boolean isGuestName(@Nullable String name) {
        return name != null && !RESERVED_NAMES.contains(name) && GUEST_NAME.matcher(name).matches();
    }

    /**
     * Whether {@code ref} names a guest this console can own: a guest of this host by name, or a
     * guest of a managed host as {@code host/name}.
     */
    public static boolean isOwnedGuestRef(@Nullable String ref) {
        if (ref == null) {
            return false;
        }
        int slash = ref.indexOf('/');
        if (slash < 0) {
            return isGuestName(ref);
        }
        String host = ref.substring(0, slash);
        return !host.equals(LOCAL_HOST) && MANAGED_HOST_NAME.matcher(host).matches() && isGuestName(ref.substring(slash + 1));
    }

    /** How an owner list names guest {@code guest} of managed host {@code host}. */
    public static String guestOnHost(String host, String guest) {
        return host + "/" + guest;
    }

    /**
     * Whether a driver may pass {@code name} on as a guest's name: the console's own names, and
     * those util-vserver accepts for a guest made by hand. Never an option, never a path.
     */
    public static boolean isHostGuestName(@Nullable String name) {
        return name != null && !RESERVED_NAMES.contains(name) && HOST_GUEST_NAME.matcher(name).matches();
    }

    /**
     * Whether a driver may pass {@code size} on as a tmpfs {@code size=}: the console's own sizes
     * ({@link #tmpfsSize}) and the forms a hand-edited fstab may hold; never 0 (unlimited), never
     * a second option.
     */
    public static boolean isTmpfsSizeOption(@Nullable String size) {
        return size != null && TMPFS_SIZE_OPTION.matcher(size).matches();
    }

    /** Guest name = config directory name and default guest root name. */
    public static String guestName(@Nullable String name) {
        String field = "guest name";
        if (name == null || name.isEmpty()) {
            throw new InvalidInputException(field, "a guest name is required");
        }
        if (RESERVED_NAMES.contains(name)) {
            throw new InvalidInputException(field, "'" + name + "' is reserved");
        }
        if (!GUEST_NAME.matcher(name).matches()) {
            throw new InvalidInputException(field,
                    "1-63 characters: lower-case ASCII letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }

    /**
     * A static context id as text. Leading zeros are refused because util-vserver's C parsers
     * read {@code 010} as octal 8, so the id the user sees would not be the id the kernel gets.
     */
    public static int contextId(@Nullable String text) {
        long v = LimitValueParser.parseAsciiDecimal("context", text, Long.MAX_VALUE,
                "must be a decimal number " + MIN_XID + ".." + MAX_XID + " in ASCII digits, without sign or spaces");
        return contextId((int) Math.min(v, Integer.MAX_VALUE));
    }

    public static int contextId(int xid) {
        if (xid < MIN_XID || xid > MAX_XID) {
            throw new InvalidInputException("context",
                    "must be in " + MIN_XID + ".." + MAX_XID + " (0 is the host, 1 the spectator, 49152+ are dynamic)");
        }
        return xid;
    }

    /** Refuses a context id another guest on disk already uses, naming that guest. */
    public static void requireContextFree(int xid, @Nullable String exceptGuest, Collection<GuestIdentity> guests) {
        for (GuestIdentity g : guests) {
            if (!g.name().equals(exceptGuest) && g.context() != null && g.context() == xid) {
                throw new InvalidInputException("context", "context " + xid + " is already used by guest '" + g.name() + "'");
            }
        }
    }

    /** As above, against the tree on disk now. */
    public static void requireContextFree(int xid, @Nullable String exceptGuest, GuestConfigReader tree) {
        requireContextFree(xid, exceptGuest, tree.readIdentities());
    }

    /** An IPv4 or IPv6 literal, never a host name (no DNS lookup happens here). */
    public static IpLiteral ipAddress(@Nullable String text) {
        IpLiteral ip = IpLiteral.tryParse(text);
        if (ip == null) {
            throw new InvalidInputException("ip",
                    "must be an IPv4 address (four decimal parts 0-255, no leading zeros) or an IPv6 literal without zone");
        }
        return ip;
    }

    /**
     * Refuses addresses a guest must not have: unspecified, loopback, multicast, link-local,
     * broadcast, and the network and broadcast addresses of its own subnet ({@code prefix}). Such
     * an address either does nothing or reaches the host or every guest of the subnet.
     */
    public static IpLiteral usableGuestAddress(IpLiteral ip, int prefix) {
        return usableGuestAddress(ip, prefix, false);
    }

    /**
     * As above; {@code allowLinkLocal} lets link-local addresses through, for a host whose
     * operator opted in ({@code vsconsole.provisioning.allow-link-local}).
     */
    public static IpLiteral usableGuestAddress(IpLiteral ip, int prefix, boolean allowLinkLocal) {
        byte[] b = ip.bytes();
        String why = null;
        if (!ip.isIpv6()) {
            long v = ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
            int first = b[0] & 0xff;
            long hostMask = prefix >= 32 ? 0 : (1L << (32 - prefix)) - 1;
            if (first == 0) {
                why = "0.0.0.0/8 means 'this network', not an address";
            } else if (first == 127) {
                why = "127.0.0.0/8 is the loopback network";
            } else if (first >= 224 && first <= 239) {
                why = "224.0.0.0/4 is multicast";
            } else if (v == 0xffffffffL) {
                why = "255.255.255.255 is the limited broadcast";
            } else if (first >= 240) {
                why = "240.0.0.0/4 is reserved";
            } else if (first == 169 && (b[1] & 0xff) == 254 && !allowLinkLocal) {
                why = "169.254.0.0/16 is link-local";
            } else if (prefix <= 30 && (v & hostMask) == 0) {
                why = "it is the network address of its /" + prefix + " subnet";
            } else if (prefix <= 30 && (v & hostMask) == hostMask) {
                why = "it is the broadcast address of its /" + prefix + " subnet";
            }
        } else {
            boolean allZero = true;
            for (int i = 0; i < 15; i++) {
                allZero &= b[i] == 0;
            }
            if (allZero && (b[15] == 0 || b[15] == 1)) {
                why = b[15] == 0 ? ":: is the unspecified address" : "::1 is the loopback address";
            } else if ((b[0] & 0xff) == 0xff) {
                why = "ff00::/8 is multicast";
            } else if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80 && !allowLinkLocal) {
                why = "fe80::/10 is link-local";
            } else if (prefix <= 126 && hostBitsZero(b, prefix)) {
                why = "it is the subnet-router anycast address of its /" + prefix + " subnet";
            }
        }
        if (why != null) {
            throw new InvalidInputException("ip", "address " + ip.text() + " cannot be a guest's: " + why);
        }
        return ip;
    }

    private static boolean hostBitsZero(byte[] b, int prefix) {
        for (int bit = prefix; bit < b.length * 8; bit++) {
            if ((b[bit / 8] & (0x80 >> (bit % 8))) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Refuses an address another guest (or another entry of the same guest) already has on disk. */
    public static void requireAddressFree(IpLiteral ip, @Nullable String exceptGuest, @Nullable String exceptInterface,
            Collection<GuestIdentity> guests) {
        for (GuestIdentity g : guests) {
            for (var e : g.addresses().entrySet()) {
                if (g.name().equals(exceptGuest) && e.getKey().equals(exceptInterface)) {
                    continue;
                }
                IpLiteral other = IpLiteral.tryParse(e.getValue());
                if (other != null && other.sameAddress(ip)) {
                    throw new InvalidInputException("ip", "address " + ip.text() + " is already used by guest '"
                            + g.name() + "' (interfaces/" + e.getKey() + ")");
                }
            }
        }
    }

    /** As above, against the tree on disk now. */
    public static void requireAddressFree(IpLiteral ip, @Nullable String exceptGuest, @Nullable String exceptInterface,
            GuestConfigReader tree) {
        requireAddressFree(ip, exceptGuest, exceptInterface, tree.readIdentities());
    }

    public static int prefix(int prefix, boolean ipv6) {
        int max = ipv6 ? 128 : 32;
        if (prefix < 0 || prefix > max) {
            throw new InvalidInputException("prefix", "must be 0.." + max);
        }
        return prefix;
    }

    public static int prefix(@Nullable String text, boolean ipv6) {
        long v = LimitValueParser.parseAsciiDecimal("prefix", text, 128, "must be a decimal prefix length");
        return prefix((int) v, ipv6);
    }

    /** A dotted-quad netmask with contiguous one bits. */
    public static String netmask(@Nullable String text) {
        byte[] b = text == null ? null : IpLiteral.parseV4(text);
        if (text == null || b == null) {
            throw new InvalidInputException("mask", "must be a dotted-quad netmask such as 255.255.255.0");
        }
        int v = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        if ((~v & (~v + 1)) != 0) {
            throw new InvalidInputException("mask", "netmask bits must be contiguous");
        }
        return text;
    }

    /** A host network device name (IFNAMSIZ 16 incl. NUL). */
    public static String deviceName(@Nullable String text) {
        if (text == null || !DEVICE.matcher(text).matches()) {
            throw new InvalidInputException("dev", DEVICE_NAME_RULE);
        }
        return text;
    }

    /** Label suffix of an address ({@code interfaces/<n>/name}). */
    public static String interfaceLabel(@Nullable String text) {
        if (text == null || !LABEL.matcher(text).matches()) {
            throw new InvalidInputException("interface name",
                    "1-15 ASCII letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
        return text;
    }

    /** Sub-directory name under {@code interfaces/}; becomes a path component. */
    public static String interfaceId(@Nullable String text) {
        return entryId("interface", text);
    }

    /** Sub-directory name under {@code dlimits/}; becomes a path component. */
    public static String diskLimitId(@Nullable String text) {
        return entryId("disk limit", text);
    }

    private static String entryId(String field, @Nullable String text) {
        if (text == null || !ENTRY.matcher(text).matches()) {
            throw new InvalidInputException(field, ENTRY_ID_RULE);
        }
        return text;
    }

    /** A host name (uts nodename): RFC 1123 labels, at most 64 characters (kernel UTS length). */
    public static String hostname(String field, @Nullable String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            throw new InvalidInputException(field, "1-64 characters required");
        }
        if (text.endsWith(".")) {
            throw new InvalidInputException(field, "must not end with '.'");
        }
        for (String label : text.split("\\.", -1)) {
            if (!DNS_LABEL.matcher(label).matches()) {
                throw new InvalidInputException(field,
                        "dot-separated labels of 1-63 ASCII letters, digits or '-', not starting or ending with '-' (RFC 1123)");
            }
        }
        return text;
    }

    public static String nodename(@Nullable String text) {
        return hostname("nodename", text);
    }

    public static String domainname(@Nullable String text) {
        return hostname("domainname", text);
    }

    /** A limit name as it appears in a request: one of the util-vserver names (§1.5). */
    public static KnownLimit limitName(@Nullable String text) {
        return KnownLimit.byFileName(Objects.requireNonNullElse(text, ""))
                .orElseThrow(() -> new InvalidInputException("limit", "unknown limit name; known: cpu fsize data stack core "
                        + "rss nproc nofile memlock as locks msgqueue nsock openfd anon shmem semary nsems dentry"));
    }

    /** A ulimit name (exec-ulimit's smaller list). */
    public static KnownLimit ulimitName(@Nullable String text) {
        KnownLimit l = limitName(text);
        if (!l.isUlimit()) {
            throw new InvalidInputException("limit", "not a ulimit; known: core cpu data fsize locks memlock nofile nproc rss stack");
        }
        return l;
    }

    /** A limit value typed by a user, in the limit's unit; {@link LimitValues#UNLIMITED} for inf. */
    public static long limitValue(KnownLimit limit, @Nullable String text) {
        long v = LimitValueParser.parseUserValue(limit.fileName(), text);
        return limitValue(limit, v);
    }

    public static long limitValue(KnownLimit limit, long value) {
        if (value == LimitValues.UNLIMITED) {
            return value;
        }
        if (value < 0) {
            throw new InvalidInputException(limit.fileName(), "must not be negative");
        }
        if (value > limit.max()) {
            throw new InvalidInputException(limit.fileName(), "at most " + limit.max() + " " + limit.unit());
        }
        return value;
    }

    /** Soft must not exceed hard (the kernel would silently lower it, hiding the user's mistake). */
    public static void softNotAboveHard(KnownLimit limit, long soft, long hard) {
        if (hard == LimitValues.UNLIMITED) {
            return;
        }
        if (soft == LimitValues.UNLIMITED || soft > hard) {
            throw new InvalidInputException(limit.fileName(), "soft limit (" + LimitValueParser.format(soft)
                    + ") exceeds hard limit (" + hard + ")");
        }
    }

    /**
     * A disk-limit directory: absolute, normalised, under the guest root. It is written to a
     * file and later passed to vdlimit, so '..' and relative forms are refused, not resolved.
     */
    public static String diskLimitDirectory(@Nullable String text, Path guestRoot) {
        String field = "dlimit directory";
        if (text == null || !text.startsWith("/") || text.length() > 4096) {
            throw new InvalidInputException(field, "must be an absolute path");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // printable ASCII only: the value goes to a file and then to vdlimit's argv
            if (c < 0x21 || c > 0x7e) {
                throw new InvalidInputException(field, "only printable ASCII characters without spaces");
            }
        }
        Path p = Path.of(text);
        if (!p.normalize().toString().equals(text) || text.contains("//") || (text.length() > 1 && text.endsWith("/"))) {
            throw new InvalidInputException(field, "must be a normalised path (no '.', '..', '//' or trailing '/')");
        }
        if (!p.startsWith(guestRoot.normalize())) {
            throw new InvalidInputException(field, "must be inside the guest root " + guestRoot);
        }
        return text;
    }

    /** Space limit in KiB, or inode limit: non-negative, ASCII decimal. */
    public static long diskLimitTotal(String field, long value) {
        if (value < 0) {
            throw new InvalidInputException(field, "must not be negative");
        }
        return value;
    }

    public static int diskLimitReserved(int percent) {
        if (percent < 0 || percent > 100) {
            throw new InvalidInputException("reserved", "must be a percentage 0..100");
        }
        return percent;
    }

    /** tmpfs {@code size=} value: digits with optional k/m/g suffix (no '%' form, no sign). */
    public static String tmpfsSize(@Nullable String text) {
        if (text == null || !TMPFS_SIZE.matcher(text).matches()) {
            throw new InvalidInputException("tmp size", "digits without leading zero, optionally followed by k, m or g (e.g. 256m)");
        }
        return text;
    }

    /**
     * One {@code bcapabilities} name: a documented Linux capability, case-insensitive, with or
     * without {@code CAP_} (§7.3); returned in its canonical upper-case form without the prefix.
     */
    public static String systemCapability(@Nullable String text) {
        String bare = text == null ? "" : VserverNames.upper(text.strip());
        String name = bare.startsWith("CAP_") ? bare.substring(4) : bare;
        if (!VserverNames.SYSTEM_CAPABILITIES.contains(name)) {
            throw new InvalidInputException("bcapabilities", "'" + printable(text) + "' is not a system capability; known: "
                    + String.join(" ", VserverNames.SYSTEM_CAPABILITIES));
        }
        return name;
    }

    /**
     * One {@code ccapabilities} name: a documented context capability or its alias,
     * case-insensitive, with or without {@code VXC_} (§7.3); returned canonical (lower case).
     */
    public static String contextCapability(@Nullable String text) {
        String bare = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
        String name = bare.startsWith("vxc_") ? bare.substring(4) : bare;
        name = VserverNames.CONTEXT_ALIASES.getOrDefault(name, name);
        if (!VserverNames.CONTEXT_CAPABILITIES.contains(name)) {
            throw new InvalidInputException("ccapabilities", "'" + printable(text) + "' is not a context capability; known: "
                    + String.join(" ", VserverNames.CONTEXT_CAPABILITIES));
        }
        return name;
    }

    /** The first line of {@code personality}: a Linux personality type (§1.3), case-insensitive. */
    public static String personalityType(@Nullable String text) {
        String name = text == null ? "" : VserverNames.upper(text.strip());
        if (!VserverNames.PERSONALITY_TYPES.contains(name)) {
            throw new InvalidInputException("personality", "'" + printable(text) + "' is not a personality type; known: "
                    + String.join(" ", VserverNames.PERSONALITY_TYPES));
        }
        return name;
    }

    /** A following line of {@code personality}: a personality flag (§1.3), case-insensitive. */
    public static String personalityFlag(@Nullable String text) {
        String name = text == null ? "" : VserverNames.upper(text.strip());
        if (!VserverNames.PERSONALITY_FLAGS.contains(name)) {
            throw new InvalidInputException("personality flags", "'" + printable(text) + "' is not a personality flag; known: "
                    + String.join(" ", VserverNames.PERSONALITY_FLAGS));
        }
        return name;
    }

    /** A refused value as it may be quoted back: printable ASCII, at most 40 characters. */
    private static String printable(@Nullable String text) {
        if (text == null) {
            return "";
        }
        String cut = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return cut.replaceAll("[^\\x20-\\x7e…]", "?");
    }

    /**
     * A path relative to a guest's config dir, as used to open an unknown file on request:
     * plain components only, no '.', '..', empty parts or control characters.
     */
    public static String relativeConfigPath(@Nullable String text) {
        String field = "path";
        if (text == null || text.isEmpty() || text.length() > 1024 || text.startsWith("/")) {
            throw new InvalidInputException(field, "must be a relative path inside the guest's config dir");
        }
        for (String part : text.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new InvalidInputException(field, "must not contain empty, '.' or '..' components");
            }
            for (int i = 0; i < part.length(); i++) {
                if (part.charAt(i) < 0x20 || part.charAt(i) == 0x7f) {
                    throw new InvalidInputException(field, "must not contain control characters");
                }
            }
        }
        try {
            Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            throw new InvalidInputException(field, "contains characters the file system encoding cannot represent");
        }
        return text;
    }
}

package org.vsconsole.host.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.vsconsole.base.Formats;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.config.GuestTreeScanner.Entry;
import org.vsconsole.host.config.GuestTreeScanner.Kind;
import org.vsconsole.host.config.GuestTreeScanner.Scan;

/**
 * Turns one scan of a guest tree into a {@link GuestConfig}. Every file it understands is marked
 * consumed; whatever is left over becomes an unknown file. Symlinks are only ever readlink'ed.
 *
 * <p>Longer than 300 lines because it is util-vserver's whole {@code /etc/vservers/<name>} format
 * in one pass: which files it consumes decides what is left over as unknown, so the format's
 * parts cannot be parsed apart without each having to know all the others.
 */
final class GuestConfigParser {

    private static final Pattern NICE = Pattern.compile("-?[0-9]{1,3}");
    private static final Set<String> UTS_FIELDS = Set.of("context", "sysname", "nodename", "release", "version",
            "machine", "domainname");

    private final String name;
    private final Path configDir;
    private final Scan scan;
    private final Map<String, Entry> entries;
    private final Set<String> consumed = new HashSet<>();
    private final List<ConfigWarning> warnings;

    private GuestConfigParser(String name, Path configDir, Scan scan) {
        this.name = name;
        this.configDir = configDir;
        this.scan = scan;
        this.entries = scan.entries();
        this.warnings = new ArrayList<>(scan.warnings());
    }

    static GuestConfig parse(String name, Path configDir, Scan scan) {
        return new GuestConfigParser(name, configDir, scan).parse();
    }

    private GuestConfig parse() {
        try {
            HostGrammar.guestName(name);
        } catch (InvalidInputException e) {
            warnings.add(new ConfigWarning("", "directory name breaks the guest-name rule (" + e.rule()
                    + "); the console will not write to it"));
        }
        Integer context = contextValue();
        String displayName = scalar("name");
        String vdir = link("vdir");
        String cache = link("cache");
        String run = link("run");
        String fstabText = text("fstab", true);
        List<FstabEntry> fstab = fstabText == null ? List.of() : ConfigFileText.fstabEntries(fstabText);
        Integer nice = niceValue();
        Personality personality = personality();
        InterfaceDefaults ifDefaults = interfaceDefaults();
        List<InterfaceEntry> interfaces = interfaces();
        Map<String, String> uts = uts();
        InitConfig init = init();
        boolean pkgInternal = flag("apps/pkgmgmt/internal");
        Map<String, LimitSetting> rlimits = limits("rlimits", false);
        Map<String, LimitSetting> ulimits = limits("ulimits", true);
        List<DiskLimit> dlimits = diskLimits();
        Map<String, String> sched = firstLines("sched");
        Map<String, String> cpuset = firstLines("cpuset");
        Map<String, String> spaces = firstLines("spaces");
        Map<String, String> cgroup = firstLines("cgroup");
        if (entries.containsKey("spaces/mask") && spaces.containsKey("mask")
                && new String(entries.get("spaces/mask").content()).endsWith("\n")) {
            warnings.add(new ConfigWarning("spaces/mask",
                    "ends with a newline, so util-vserver ignores it (known quirk, §7.4)"));
        }
        List<String> scripts = scripts();
        boolean disabled = flag("disabled");
        List<String> flags = list("flags");
        List<String> cflags = list("cflags");
        List<String> bcaps = list("bcapabilities");
        List<String> ccaps = list("ccapabilities");
        List<String> nflags = list("nflags");
        List<String> ncaps = list("ncapabilities");
        List<UnknownFile> unknown = unknownFiles();
        return new GuestConfig(name, configDir, scan.manifest().digest(), context, displayName, vdir, cache, run,
                fstab, nice, flags, cflags, bcaps, ccaps, nflags, ncaps, personality, ifDefaults, interfaces, uts,
                init, pkgInternal, rlimits, ulimits, dlimits, sched, cpuset, spaces, cgroup, scripts, disabled,
                unknown, warnings, scan.manifest());
    }

    // ---- access to entries --------------------------------------------------------------

    /** A regular file's entry, or null; a symlink or directory where a file belongs is warned about. */
    private @Nullable Entry file(String path) {
        Entry e = entries.get(path);
        if (e == null) {
            return null;
        }
        if (e.kind() != Kind.FILE) {
            if (e.kind() == Kind.SYMLINK) {
                warnings.add(new ConfigWarning(path, "is a symlink (→ " + e.linkTarget() + "); not followed, not read"));
            } else if (e.kind() != Kind.DIRECTORY || !hasChildren(path)) {
                warnings.add(new ConfigWarning(path, "expected a regular file"));
            }
            return null;
        }
        consumed.add(path);
        return e;
    }

    private boolean hasChildren(String dir) {
        return entries.keySet().stream().anyMatch(p -> p.startsWith(dir + "/"));
    }

    private @Nullable String text(String path, boolean newlineMatters) {
        Entry e = file(path);
        if (e == null) {
            return null;
        }
        if (e.truncated()) {
            // A config value longer than 64 KiB is never legitimate; parse nothing from it.
            return null;
        }
        return ConfigFileText.decode(path, e.content(), warnings, newlineMatters);
    }

    private @Nullable String scalar(String path) {
        String t = text(path, true);
        return t == null ? null : ConfigFileText.firstLine(t);
    }

    private List<String> list(String path) {
        String t = text(path, true);
        return t == null ? List.of() : ConfigFileText.listValues(t);
    }

    /** Boolean files: only existence matters. */
    private boolean flag(String path) {
        Entry e = entries.get(path);
        if (e == null) {
            return false;
        }
        if (e.kind() == Kind.FILE) {
            consumed.add(path);
        }
        return e.kind() != Kind.DIRECTORY;
    }

    private @Nullable String link(String path) {
        Entry e = entries.get(path);
        if (e == null) {
            return null;
        }
        if (e.kind() != Kind.SYMLINK) {
            warnings.add(new ConfigWarning(path, "expected a symlink"));
            return null;
        }
        consumed.add(path);
        return e.linkTarget();
    }

    /** Names of direct children of {@code dir} that satisfy {@code kind}. */
    private TreeSet<String> children(String dir, Kind kind) {
        TreeSet<String> out = new TreeSet<>();
        String prefix = dir + "/";
        for (Entry e : entries.values()) {
            if (e.path().startsWith(prefix) && e.path().indexOf('/', prefix.length()) < 0 && e.kind() == kind) {
                out.add(e.path().substring(prefix.length()));
            }
        }
        return out;
    }

    // ---- fields ---------------------------------------------------------------------------

    private @Nullable Integer contextValue() {
        String v = scalar("context");
        if (v == null) {
            return null;
        }
        try {
            return HostGrammar.contextId(v);
        } catch (InvalidInputException e) {
            warnings.add(new ConfigWarning("context", "'" + Formats.printable(v) + "' is not a usable context: " + e.rule()));
            return null;
        }
    }

    private @Nullable Integer niceValue() {
        String v = scalar("nice");
        if (v == null) {
            return null;
        }
        if (!NICE.matcher(v).matches()) {
            warnings.add(new ConfigWarning("nice", "'" + Formats.printable(v) + "' is not an integer nice level"));
            return null;
        }
        return Integer.parseInt(v);
    }

    private @Nullable Personality personality() {
        List<String> lines = list("personality");
        return lines.isEmpty() ? null : new Personality(lines.getFirst(), lines.subList(1, lines.size()));
    }

    private @Nullable Integer prefixValue(String path) {
        String v = scalar(path);
        if (v == null) {
            return null;
        }
        try {
            return (int) LimitValueParser.parseAsciiDecimal(path, v, 128, "prefix");
        } catch (InvalidInputException e) {
            warnings.add(new ConfigWarning(path, "'" + Formats.printable(v) + "' is not a prefix length"));
            return null;
        }
    }

    private InterfaceDefaults interfaceDefaults() {
        return new InterfaceDefaults(scalar("interfaces/dev"), prefixValue("interfaces/prefix"),
                scalar("interfaces/mask"), scalar("interfaces/bcast"), scalar("interfaces/scope"),
                scalar("interfaces/lback"), flag("interfaces/vlandev"), flag("interfaces/novlandev"));
    }

    private List<InterfaceEntry> interfaces() {
        List<InterfaceEntry> out = new ArrayList<>();
        for (String id : children("interfaces", Kind.DIRECTORY)) {
            String base = "interfaces/" + id + "/";
            String ip = scalar(base + "ip");
            if (ip == null) {
                warnings.add(new ConfigWarning(base + "ip", "missing: util-vserver aborts the start (\"Can not read ip\")"));
            } else if (IpLiteral.tryParse(ip) == null) {
                warnings.add(new ConfigWarning(base + "ip", "'" + Formats.printable(ip) + "' is not an IP address literal"));
            }
            boolean nodev = flag(base + "nodev") || flag(base + "only_ip");
            out.add(new InterfaceEntry(id, ip, scalar(base + "dev"), prefixValue(base + "prefix"), scalar(base + "mask"),
                    scalar(base + "name"), nodev, flag(base + "disabled")));
        }
        return out;
    }

    private Map<String, String> uts() {
        Map<String, String> out = new TreeMap<>();
        for (String f : children("uts", Kind.FILE)) {
            if (UTS_FIELDS.contains(f)) {
                String t = text("uts/" + f, false);
                if (t != null) {
                    out.put(f, ConfigFileText.wholeValue(t));
                }
            }
        }
        if (out.containsKey("context")) {
            warnings.add(new ConfigWarning("uts/context", "must not be set: util-vserver sets it to the config dir"));
        }
        return out;
    }

    private InitConfig init() {
        String style = scalar("apps/init/style");
        String runlevel = entries.containsKey("apps/init/runlevel")
                ? scalar("apps/init/runlevel")
                : scalar("apps/init/runlevel.start");
        return new InitConfig(list("apps/init/mark"), style, runlevel, list("apps/init/depends"),
                list("apps/init/killseq"));
    }

    private Map<String, LimitSetting> limits(String dir, boolean ulimitsOnly) {
        Map<String, LimitSetting> out = new TreeMap<>();
        for (String f : children(dir, Kind.FILE)) {
            int dot = f.indexOf('.');
            String base = dot < 0 ? f : f.substring(0, dot);
            String suffix = dot < 0 ? "" : f.substring(dot);
            LimitPart part = null;
            for (LimitPart p : LimitPart.values()) {
                if (p.suffix().equals(suffix)) {
                    part = p;
                }
            }
            KnownLimit limit = KnownLimit.byFileName(base).orElse(null);
            if (limit == null || part == null || (ulimitsOnly && (!limit.isUlimit() || part == LimitPart.MIN))) {
                warnings.add(new ConfigWarning(dir + "/" + f, "not a known limit file; kept as is"));
                continue;
            }
            String path = dir + "/" + f;
            String t = text(path, true);
            if (t == null) {
                continue;
            }
            OptionalLong v = LimitValueParser.parseFileValue(ConfigFileText.firstLine(t));
            if (v.isEmpty()) {
                warnings.add(new ConfigWarning(path, "'" + Formats.printable(ConfigFileText.firstLine(t))
                        + "' is not a valid limit: util-vserver aborts the start (\"Invalid limit\")"));
                continue;
            }
            out.merge(limit.fileName(), LimitSetting.NONE.with(part, v.getAsLong()),
                    (a, b) -> mergeLimit(a, b));
        }
        return out;
    }

    private static LimitSetting mergeLimit(LimitSetting a, LimitSetting b) {
        LimitSetting r = a;
        for (LimitPart p : LimitPart.values()) {
            if (b.part(p) != null) {
                r = r.with(p, b.part(p));
            }
        }
        return r;
    }

    private List<DiskLimit> diskLimits() {
        List<DiskLimit> out = new ArrayList<>();
        for (String id : children("dlimits", Kind.DIRECTORY)) {
            String base = "dlimits/" + id + "/";
            DiskLimit d = new DiskLimit(id, scalar(base + "directory"), number(base + "space_total"),
                    number(base + "inodes_total"), percent(base + "reserved"), flag(base + "disabled"));
            if (!d.complete()) {
                warnings.add(new ConfigWarning(base, "incomplete: util-vserver silently skips a disk limit "
                        + "unless directory, space_total, inodes_total and reserved all exist"));
            }
            out.add(d);
        }
        return out;
    }

    private @Nullable Long number(String path) {
        String v = scalar(path);
        if (v == null) {
            return null;
        }
        try {
            return LimitValueParser.parseAsciiDecimal(path, v, Long.MAX_VALUE - 1, "number");
        } catch (InvalidInputException e) {
            warnings.add(new ConfigWarning(path, "'" + Formats.printable(v) + "' is not a non-negative decimal number"));
            return null;
        }
    }

    private @Nullable Integer percent(String path) {
        Long v = number(path);
        if (v != null && v > 100) {
            warnings.add(new ConfigWarning(path, v + " is not a percentage 0..100"));
            return null;
        }
        return v == null ? null : v.intValue();
    }

    private Map<String, String> firstLines(String dir) {
        Map<String, String> out = new TreeMap<>();
        for (String f : children(dir, Kind.FILE)) {
            String v = scalar(dir + "/" + f);
            if (v != null) {
                out.put(f, v);
            }
        }
        return out;
    }

    private List<String> scripts() {
        List<String> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.path().startsWith("scripts/") && e.kind() == Kind.FILE) {
                consumed.add(e.path());
                out.add(e.path());
            }
        }
        return out;
    }

    private List<UnknownFile> unknownFiles() {
        List<UnknownFile> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (consumed.contains(e.path()) || e.kind() == Kind.DIRECTORY) {
                continue;
            }
            String type = switch (e.kind()) {
                case FILE -> "file";
                case SYMLINK -> "symlink";
                default -> "other";
            };
            out.add(new UnknownFile(e.path(), type, e.size(), e.linkTarget()));
        }
        return out;
    }

}

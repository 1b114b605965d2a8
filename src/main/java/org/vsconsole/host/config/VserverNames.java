package org.vsconsole.host.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The names util-vserver takes in {@code bcapabilities}, {@code ccapabilities} and
 * {@code personality} (reference §7.3 and §1.3), and what a capability list file means: it
 * starts from util-vserver's default ("secure") set, each plain entry adds a name and each
 * {@code !}/{@code ~} entry removes one. The console writes the canonical name of each; the
 * grammar ({@link HostGrammar#systemCapability}, …) accepts the documented prefixes and aliases.
 */
public final class VserverNames {

    /** bcapabilities: the Linux capability names, in bit order (bit = capability number). */
    public static final List<String> SYSTEM_CAPABILITIES = List.of("CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER",
            "FSETID", "KILL", "SETGID", "SETUID", "SETPCAP", "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST",
            "NET_ADMIN", "NET_RAW", "IPC_LOCK", "IPC_OWNER", "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE",
            "SYS_PACCT", "SYS_ADMIN", "SYS_BOOT", "SYS_NICE", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD",
            "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP", "MAC_OVERRIDE", "MAC_ADMIN");

    /** util-vserver's default guest set, 0xb44c04ff: what a guest has without a bcapabilities file. */
    public static final Set<String> DEFAULT_SYSTEM = Set.of("CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID",
            "KILL", "SETGID", "SETUID", "NET_BIND_SERVICE", "SYS_CHROOT", "SYS_PTRACE", "SYS_BOOT", "SYS_TTY_CONFIG",
            "LEASE", "AUDIT_WRITE", "SETFCAP");

    /**
     * Capabilities that reach past a guest: the host's clock, kernel modules, raw I/O, MAC policy,
     * mounts and devices, the host's network. Never given to a guest on the linux driver.
     */
    public static final Set<String> BEYOND_THE_GUEST = Set.of("SYS_ADMIN", "SYS_MODULE", "SYS_RAWIO", "SYS_TIME",
            "NET_ADMIN", "MKNOD", "MAC_ADMIN", "MAC_OVERRIDE");

    /** ccapabilities, canonical names in bit order. */
    public static final List<String> CONTEXT_CAPABILITIES = List.of("set_utsname", "set_rlimit", "fs_security",
            "fs_trusted", "tiocsti", "raw_icmp", "syslog", "oom_adjust", "audit_control", "secure_mount", "secure_remount",
            "binary_mount", "dev_mount", "quota_ctl", "admin_mapper", "admin_cloop", "kthread", "namespace");

    /** The other spellings §7.3 documents for some context capabilities. */
    static final Map<String, String> CONTEXT_ALIASES = Map.of("utsname", "set_utsname", "rlimit", "set_rlimit", "icmp",
            "raw_icmp", "ping", "raw_icmp", "mount", "secure_mount", "remount", "secure_remount");

    /** Default ccaps 0x4101. */
    public static final Set<String> DEFAULT_CONTEXT = Set.of("set_utsname", "raw_icmp", "audit_control");

    /**
     * Personality types a Linux guest can run under (the first line; {@code uapi/linux/personality.h}
     * without its {@code PER_} prefix, as util-vserver's example {@code LINUX32} writes them).
     */
    public static final List<String> PERSONALITY_TYPES = List.of("LINUX", "LINUX32", "LINUX_32BIT", "LINUX32_3GB");

    /** Personality flags (the following lines), {@code uapi/linux/personality.h}. */
    public static final List<String> PERSONALITY_FLAGS = List.of("UNAME26", "ADDR_NO_RANDOMIZE", "FDPIC_FUNCPTRS",
            "MMAP_PAGE_ZERO", "ADDR_COMPAT_LAYOUT", "READ_IMPLIES_EXEC", "ADDR_LIMIT_32BIT", "SHORT_INODE", "WHOLE_SECONDS",
            "STICKY_TIMEOUTS", "ADDR_LIMIT_3GB");

    /** Which capability list file: its name, its default set and its names in order. */
    public enum CapabilityFile {

        SYSTEM("bcapabilities", DEFAULT_SYSTEM, SYSTEM_CAPABILITIES), CONTEXT("ccapabilities", DEFAULT_CONTEXT, CONTEXT_CAPABILITIES);

        private final String fileName;
        private final Set<String> defaults;
        private final List<String> names;

        CapabilityFile(String fileName, Set<String> defaults, List<String> names) {
            this.fileName = fileName;
            this.defaults = defaults;
            this.names = names;
        }

        public String fileName() {
            return fileName;
        }

        public Set<String> defaults() {
            return defaults;
        }

        public List<String> names() {
            return names;
        }

        /** One name as the grammar accepts it, canonical. */
        public String name(String text) {
            return this == SYSTEM ? HostGrammar.systemCapability(text) : HostGrammar.contextCapability(text);
        }

        /**
         * The set the guest has with these file entries: the default, then each entry in order.
         * An entry the grammar does not know is refused naming the file (the editor would lose it).
         */
        public Set<String> effective(List<String> entries) {
            Set<String> set = new LinkedHashSet<>(defaults);
            for (String entry : entries) {
                boolean remove = entry.startsWith("!") || entry.startsWith("~");
                String name = name(remove ? entry.substring(1) : entry);
                if (remove) {
                    set.remove(name);
                } else {
                    set.add(name);
                }
            }
            return ordered(set);
        }

        /** The names the entries remove from the default set ({@code !NAME}), canonical; unknown ones left out. */
        public Set<String> removed(List<String> entries) {
            Set<String> out = new LinkedHashSet<>();
            for (String entry : entries) {
                if (entry.startsWith("!") || entry.startsWith("~")) {
                    try {
                        out.add(name(entry.substring(1)));
                    } catch (org.vsconsole.base.InvalidInputException e) {
                        // util-vserver refuses the file at start; nothing here to drop
                    }
                }
            }
            return out;
        }

        /** The file lines that give exactly {@code wanted}: additions, then removals, in bit order. */
        public List<String> entries(Set<String> wanted) {
            List<String> lines = new ArrayList<>();
            for (String n : names) {
                if (wanted.contains(n) && !defaults.contains(n)) {
                    lines.add(n);
                }
            }
            for (String n : names) {
                if (!wanted.contains(n) && defaults.contains(n)) {
                    lines.add("!" + n);
                }
            }
            return lines;
        }

        /**
         * The text of the file that gives exactly {@code wanted}, or null for no file. Refused when
         * {@code existing} holds an entry the grammar does not know ({@code all}, a typo): a rewrite
         * would drop it unseen. Its comment lines stay, first.
         */
        @Nullable
        String fileText(@Nullable String existing, Set<String> wanted) {
            Set<String> names = new LinkedHashSet<>();
            for (String name : wanted) {
                names.add(name(name));
            }
            List<String> lines = new ArrayList<>();
            if (existing != null) {
                effective(ConfigFileText.listValues(existing));
                for (String line : existing.split("\n")) {
                    if (ConfigFileText.stripBlanks(line).startsWith("#")) {
                        lines.add(line);
                    }
                }
            }
            lines.addAll(entries(names));
            return lines.isEmpty() ? null : String.join("\n", lines) + "\n";
        }

        /** {@code set} in the order of the names (bit order). */
        public Set<String> ordered(Set<String> set) {
            Set<String> out = new LinkedHashSet<>();
            names.stream().filter(set::contains).forEach(out::add);
            return out;
        }
    }

    /** The text of {@code personality}: the type, then one flag a line; null (no file) without a type. */
    static @Nullable String personalityText(@Nullable String type, List<String> flags) {
        if (type == null || type.isBlank()) {
            if (!flags.isEmpty()) {
                throw new org.vsconsole.base.InvalidInputException("personality",
                        "flags need a personality type (the file's first line)");
            }
            return null;
        }
        Set<String> lines = new LinkedHashSet<>();
        lines.add(HostGrammar.personalityType(type));
        for (String flag : flags) {
            lines.add(HostGrammar.personalityFlag(flag));
        }
        return String.join("\n", lines) + "\n";
    }

    static String upper(String text) {
        return text.toUpperCase(Locale.ROOT);
    }

    private VserverNames() {
    }
}

package org.vsconsole.host.config;

import org.jspecify.annotations.Nullable;

/**
 * One change to a guest's config tree. Each carries only data; {@link GuestConfigWriter} checks
 * it against {@link HostGrammar} and the tree on disk before touching anything.
 */
public sealed interface ConfigChange {

    /** Writes {@code rlimits/<limit><suffix>}; {@code value} may be {@link org.vsconsole.host.LimitValues#UNLIMITED}. */
    record SetLimit(String limit, LimitPart part, long value) implements ConfigChange {
    }

    /**
     * Writes {@code .soft} and {@code .hard} of each named limit as one change: the writer plans
     * every file first and puts the written ones back when a later one fails, so a limits change
     * lands whole or not at all. Soft above hard is checked on the values as they end up.
     */
    record SetLimits(java.util.Map<String, org.vsconsole.host.LimitValues> values) implements ConfigChange {

        public SetLimits {
            values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        }
    }

    /** Removes {@code rlimits/<limit><suffix>}. */
    record RemoveLimit(String limit, LimitPart part) implements ConfigChange {
    }

    /** Rewrites the known files of an existing {@code interfaces/<id>/}; extra files there stay. */
    record SetInterface(String id, InterfaceSpec spec) implements ConfigChange {
    }

    /** Adds {@code interfaces/<n>/} with the lowest free number. */
    record AddInterface(InterfaceSpec spec) implements ConfigChange {

        /** On {@code dev} when it names no device and is not {@code nodev}: a guest moved here names none of this host's. */
        public AddInterface orOnDevice(String dev) {
            return spec.dev() != null || spec.nodev()
                    ? this
                    : new AddInterface(new InterfaceSpec(spec.ip(), spec.prefix(), dev, spec.name(), false));
        }
    }

    record RemoveInterface(String id) implements ConfigChange {
    }

    record SetContext(int xid) implements ConfigChange {
    }

    /** Adds or removes the whole-line mark {@code default} in {@code apps/init/mark}; other marks stay. */
    record SetBootMark(boolean startAtBoot) implements ConfigChange {
    }

    /** Rewrites only the {@code size=} option of the {@code /tmp} tmpfs line of {@code fstab}. */
    record SetTmpSize(String size) implements ConfigChange {
    }

    /** Writes {@code uts/nodename} and {@code uts/domainname}; a null domainname removes the file. */
    record SetUts(String nodename, @Nullable String domainname) implements ConfigChange {
    }

    record SetDiskLimit(String id, String directory, long spaceTotalKiB, long inodesTotal, int reservedPercent)
            implements
                ConfigChange {
    }

    record RemoveDiskLimit(String id) implements ConfigChange {
    }

    /**
     * Rewrites {@code bcapabilities} and/or {@code ccapabilities} so the guest ends up with exactly
     * these sets (default set plus additions, {@code !} for removals; no entries: no file). A null
     * set leaves its file alone; comment lines of a rewritten file stay.
     */
    record SetCapabilities(java.util.@Nullable Set<String> system, java.util.@Nullable Set<String> context) implements ConfigChange {

        public SetCapabilities {
            system = system == null ? null : java.util.Set.copyOf(system);
            context = context == null ? null : java.util.Set.copyOf(context);
        }
    }

    /** Writes {@code personality} (type, then one flag a line), or removes it when {@code type} is null. */
    record SetPersonality(@Nullable String type, java.util.List<String> flags) implements ConfigChange {

        public SetPersonality {
            flags = java.util.List.copyOf(flags);
        }
    }

    /** Creates or removes the boolean {@code disabled} file. */
    record SetDisabled(boolean disabled) implements ConfigChange {
    }
}

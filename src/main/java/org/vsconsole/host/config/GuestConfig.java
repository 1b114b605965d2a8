package org.vsconsole.host.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One guest's configuration tree, parsed as util-vserver parses it. Null means "file absent or
 * unusable" (a warning then says which); lists and maps are never null. {@code digest} is the
 * optimistic-concurrency token every write must present.
 *
 * @param name          directory basename (the guest name util-vserver uses)
 * @param displayName   content of the {@code name} file
 * @param vdirTarget    readlink of {@code vdir}; never followed
 * @param uts           {@code uts/<field>} → whole file content without trailing newlines
 * @param rlimits       limit name → files found in {@code rlimits/}
 * @param ulimits       limit name → files found in {@code ulimits/}
 * @param sched         {@code sched/<file>} → first line
 * @param cpuset        {@code cpuset/<file>} → first line ("" for boolean files)
 * @param spaces        {@code spaces/<file>} → first line ("" for boolean files)
 * @param cgroup        {@code cgroup/<file>} → first line
 * @param scripts       paths of hook files under {@code scripts/}
 * @param unknownFiles  everything else, kept untouched by writes
 */
public record GuestConfig(
        String name,
        Path configDir,
        String digest,
        @Nullable Integer context,
        @Nullable String displayName,
        @Nullable String vdirTarget,
        @Nullable String cacheTarget,
        @Nullable String runTarget,
        List<FstabEntry> fstab,
        @Nullable Integer nice,
        List<String> flags,
        List<String> cflags,
        List<String> bcapabilities,
        List<String> ccapabilities,
        List<String> nflags,
        List<String> ncapabilities,
        @Nullable Personality personality,
        InterfaceDefaults interfaceDefaults,
        List<InterfaceEntry> interfaces,
        Map<String, String> uts,
        InitConfig init,
        boolean pkgmgmtInternal,
        Map<String, LimitSetting> rlimits,
        Map<String, LimitSetting> ulimits,
        List<DiskLimit> dlimits,
        Map<String, String> sched,
        Map<String, String> cpuset,
        Map<String, String> spaces,
        Map<String, String> cgroup,
        List<String> scripts,
        boolean disabled,
        List<UnknownFile> unknownFiles,
        List<ConfigWarning> warnings,
        ConfigManifest manifest) {

    public GuestConfig {
        fstab = List.copyOf(fstab);
        flags = List.copyOf(flags);
        cflags = List.copyOf(cflags);
        bcapabilities = List.copyOf(bcapabilities);
        ccapabilities = List.copyOf(ccapabilities);
        nflags = List.copyOf(nflags);
        ncapabilities = List.copyOf(ncapabilities);
        interfaces = List.copyOf(interfaces);
        uts = Map.copyOf(uts);
        rlimits = Map.copyOf(rlimits);
        ulimits = Map.copyOf(ulimits);
        dlimits = List.copyOf(dlimits);
        sched = Map.copyOf(sched);
        cpuset = Map.copyOf(cpuset);
        spaces = Map.copyOf(spaces);
        cgroup = Map.copyOf(cgroup);
        scripts = List.copyOf(scripts);
        unknownFiles = List.copyOf(unknownFiles);
        warnings = List.copyOf(warnings);
    }

    public @Nullable String nodename() {
        return uts.get("nodename");
    }

    public @Nullable String domainname() {
        return uts.get("domainname");
    }

    /** The {@code size=} option of the {@code /tmp} tmpfs line, or null. */
    public @Nullable String tmpSize() {
        return fstab.stream().filter(e -> "/tmp".equals(e.mountPoint()) && "tmpfs".equals(e.type()))
                .map(e -> e.option("size")).filter(s -> s != null).findFirst().orElse(null);
    }

    /** The effective context flags: util-vserver lets {@code cflags} win over the deprecated {@code flags}. */
    public List<String> effectiveCflags() {
        return cflags.isEmpty() ? flags : cflags;
    }

    public @Nullable InterfaceEntry interfaceById(String id) {
        return interfaces.stream().filter(i -> i.id().equals(id)).findFirst().orElse(null);
    }
}

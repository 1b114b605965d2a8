package org.vsconsole.host.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.LimitValues;
import org.vsconsole.host.config.ConfigChange.AddInterface;
import org.vsconsole.host.config.ConfigChange.RemoveDiskLimit;
import org.vsconsole.host.config.ConfigChange.RemoveInterface;
import org.vsconsole.host.config.ConfigChange.RemoveLimit;
import org.vsconsole.host.config.ConfigChange.SetBootMark;
import org.vsconsole.host.config.ConfigChange.SetContext;
import org.vsconsole.host.config.ConfigChange.SetDisabled;
import org.vsconsole.host.config.ConfigChange.SetDiskLimit;
import org.vsconsole.host.config.ConfigChange.SetInterface;
import org.vsconsole.host.config.ConfigChange.SetLimit;
import org.vsconsole.host.config.ConfigChange.SetTmpSize;
import org.vsconsole.host.config.ConfigChange.SetUts;
import org.vsconsole.host.config.GuestTreeScanner.Entry;

/**
 * Validates one change against the grammar and the current tree and turns it into the minimal
 * list of file steps ({@link FileSteps}: a file whose bytes would not change is not written at
 * all). Every path it produces is built from grammar-checked components only.
 */
final class ChangePlanner {

    private final GuestConfig current;
    private final FileSteps files;
    private final Collection<Path> allowedGuestRoots;
    private final Supplier<List<GuestIdentity>> allGuests;
    private final boolean allowLinkLocal;

    ChangePlanner(GuestConfig current, Map<String, Entry> entries, Collection<Path> allowedGuestRoots,
            Supplier<List<GuestIdentity>> allGuests, boolean allowLinkLocal) {
        this.allowLinkLocal = allowLinkLocal;
        this.current = current;
        this.files = new FileSteps(entries);
        this.allowedGuestRoots = allowedGuestRoots;
        this.allGuests = allGuests;
    }

    List<FileOp> plan(ConfigChange change) {
        switch (change) {
            case SetLimit c -> setLimit(c);
            case ConfigChange.SetLimits c -> setLimits(c);
            case RemoveLimit c -> files.delete("rlimits/" + c.part().fileName(HostGrammar.limitName(c.limit())));
            case SetInterface c -> setInterface(c);
            case AddInterface c -> addInterface(c);
            case RemoveInterface c -> removeInterface(c);
            case SetContext c -> setContext(c);
            case SetBootMark c -> setBootMark(c);
            case SetTmpSize c -> setTmpSize(c);
            case SetUts c -> setUts(c);
            case SetDiskLimit c -> setDiskLimit(c);
            case RemoveDiskLimit c -> removeDiskLimit(c);
            case ConfigChange.SetCapabilities c -> setCapabilities(c);
            case ConfigChange.SetPersonality c -> setPersonality(c);
            case SetDisabled c -> {
                if (c.disabled()) {
                    files.write("disabled", "");
                } else {
                    files.delete("disabled");
                }
            }
        }
        return files.steps();
    }

    // ---- changes ----------------------------------------------------------------------------

    private void setLimit(SetLimit c) {
        KnownLimit limit = HostGrammar.limitName(c.limit());
        long v = HostGrammar.limitValue(limit, c.value());
        LimitSetting now = current.rlimits().getOrDefault(limit.fileName(), LimitSetting.NONE);
        LimitSetting next = now.with(c.part(), v);
        LimitValues eff = next.effective();
        HostGrammar.softNotAboveHard(limit, eff.soft(), eff.hard());
        files.write("rlimits/" + c.part().fileName(limit), LimitValueParser.format(v) + "\n");
    }

    private void setLimits(ConfigChange.SetLimits c) {
        if (c.values().isEmpty()) {
            throw new InvalidInputException("limits", "name at least one limit to change");
        }
        for (Map.Entry<String, LimitValues> e : c.values().entrySet()) {
            KnownLimit limit = HostGrammar.limitName(e.getKey());
            long soft = HostGrammar.limitValue(limit, e.getValue().soft());
            long hard = HostGrammar.limitValue(limit, e.getValue().hard());
            HostGrammar.softNotAboveHard(limit, soft, hard);
            files.write("rlimits/" + LimitPart.SOFT.fileName(limit), LimitValueParser.format(soft) + "\n");
            files.write("rlimits/" + LimitPart.HARD.fileName(limit), LimitValueParser.format(hard) + "\n");
        }
    }

    private void setInterface(SetInterface c) {
        String id = HostGrammar.interfaceId(c.id());
        if (current.interfaceById(id) == null) {
            throw new InvalidInputException("interface", "no interface '" + id + "' in guest '" + current.name() + "'");
        }
        writeInterface(id, c.spec());
    }

    private void addInterface(AddInterface c) {
        int n = 0;
        while (files.exists("interfaces/" + n)) {
            n++;
        }
        writeInterface(Integer.toString(n), c.spec());
    }

    private void writeInterface(String id, InterfaceSpec spec) {
        IpLiteral ip = HostGrammar.ipAddress(spec.ip());
        HostGrammar.prefix(spec.prefix(), ip.isIpv6());
        HostGrammar.usableGuestAddress(ip, spec.prefix(), allowLinkLocal);
        if (spec.dev() != null) {
            HostGrammar.deviceName(spec.dev());
        }
        if (spec.name() != null) {
            HostGrammar.interfaceLabel(spec.name());
        }
        if (spec.dev() == null && !spec.nodev() && current.interfaceDefaults().dev() == null) {
            throw new InvalidInputException("dev", "a device is required (no interfaces/dev default and not nodev)");
        }
        HostGrammar.requireAddressFree(ip, current.name(), id, allGuests.get());
        String base = "interfaces/" + id + "/";
        files.write(base + "ip", spec.ip() + "\n");
        files.write(base + "prefix", spec.prefix() + "\n");
        files.delete(base + "mask");
        if (spec.dev() != null) {
            files.write(base + "dev", spec.dev() + "\n");
        } else {
            files.delete(base + "dev");
        }
        if (spec.name() != null) {
            files.write(base + "name", spec.name() + "\n");
        } else {
            files.delete(base + "name");
        }
        if (spec.nodev()) {
            files.write(base + "nodev", "");
        } else {
            files.delete(base + "nodev");
        }
    }

    private void removeInterface(RemoveInterface c) {
        String id = HostGrammar.interfaceId(c.id());
        if (current.interfaceById(id) == null) {
            throw new InvalidInputException("interface", "no interface '" + id + "' in guest '" + current.name() + "'");
        }
        files.deleteTree("interfaces/" + id);
    }

    private void setContext(SetContext c) {
        int xid = HostGrammar.contextId(c.xid());
        HostGrammar.requireContextFree(xid, current.name(), allGuests.get());
        files.write("context", xid + "\n");
    }

    private void setBootMark(SetBootMark c) {
        String path = "apps/init/mark";
        String text = files.rawText(path);
        List<String> lines = new ArrayList<>(text == null ? List.of() : Arrays.asList(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        boolean has = lines.stream().anyMatch(l -> ConfigFileText.stripBlanks(l).equals("default"));
        if (c.startAtBoot()) {
            if (!has) {
                lines.add("default");
                files.write(path, String.join("\n", lines) + "\n");
            }
            return;
        }
        lines.removeIf(l -> ConfigFileText.stripBlanks(l).equals("default"));
        if (ConfigFileText.listValues(String.join("\n", lines)).isEmpty()) {
            files.delete(path);
        } else {
            files.write(path, String.join("\n", lines) + "\n");
        }
    }

    /** Only the size= option of the /tmp tmpfs line changes; every other byte stays. */
    private void setTmpSize(SetTmpSize c) {
        String size = HostGrammar.tmpfsSize(c.size());
        String text = files.rawText("fstab");
        if (text == null) {
            throw new InvalidInputException("tmp size", "the guest has no readable fstab");
        }
        String[] lines = text.split("\n", -1);
        boolean found = false;
        for (int i = 0; i < lines.length; i++) {
            String rewritten = FstabTmpLine.withSize(lines[i], size);
            if (rewritten != null) {
                lines[i] = rewritten;
                found = true;
            }
        }
        if (!found) {
            throw new InvalidInputException("tmp size", "the fstab has no /tmp tmpfs line to change");
        }
        files.write("fstab", String.join("\n", lines));
    }

    private void setUts(SetUts c) {
        files.write("uts/nodename", HostGrammar.nodename(c.nodename()) + "\n");
        if (c.domainname() == null) {
            files.delete("uts/domainname");
        } else {
            files.write("uts/domainname", HostGrammar.domainname(c.domainname()) + "\n");
        }
    }

    private void setDiskLimit(SetDiskLimit c) {
        String id = HostGrammar.diskLimitId(c.id());
        String dir = null;
        InvalidInputException last = null;
        for (Path root : allowedGuestRoots) {
            try {
                dir = HostGrammar.diskLimitDirectory(c.directory(), root);
                break;
            } catch (InvalidInputException e) {
                last = e;
            }
        }
        if (dir == null) {
            throw last != null ? last : new InvalidInputException("dlimit directory", "no guest root known");
        }
        HostGrammar.diskLimitTotal("space_total", c.spaceTotalKiB());
        HostGrammar.diskLimitTotal("inodes_total", c.inodesTotal());
        HostGrammar.diskLimitReserved(c.reservedPercent());
        String base = "dlimits/" + id + "/";
        files.write(base + "directory", dir + "\n");
        files.write(base + "space_total", c.spaceTotalKiB() + "\n");
        files.write(base + "inodes_total", c.inodesTotal() + "\n");
        files.write(base + "reserved", c.reservedPercent() + "\n");
    }

    private void removeDiskLimit(RemoveDiskLimit c) {
        String id = HostGrammar.diskLimitId(c.id());
        if (!files.exists("dlimits/" + id)) {
            throw new InvalidInputException("disk limit", "no disk limit '" + id + "'");
        }
        files.deleteTree("dlimits/" + id);
    }

    private void setCapabilities(ConfigChange.SetCapabilities c) {
        if (c.system() == null && c.context() == null) {
            throw new InvalidInputException("capabilities", "name the system or the context capabilities to set");
        }
        if (c.system() != null) {
            writeCapabilities(VserverNames.CapabilityFile.SYSTEM, c.system());
        }
        if (c.context() != null) {
            writeCapabilities(VserverNames.CapabilityFile.CONTEXT, c.context());
        }
    }

    private void writeCapabilities(VserverNames.CapabilityFile file, java.util.Set<String> wanted) {
        String content = file.fileText(files.rawText(file.fileName()), wanted);
        if (content == null) {
            files.delete(file.fileName());
        } else {
            files.write(file.fileName(), content);
        }
    }

    private void setPersonality(ConfigChange.SetPersonality c) {
        String content = VserverNames.personalityText(c.type(), c.flags());
        if (content == null) {
            files.delete("personality");
        } else {
            files.write("personality", content);
        }
    }
}

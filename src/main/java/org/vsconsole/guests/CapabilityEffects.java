package org.vsconsole.guests;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.config.VserverNames;
import org.jspecify.annotations.Nullable;

/**
 * Where a guest's capabilities and personality take effect, per driver, said as it is: the
 * vserver driver starts the guest with util-vserver, which applies all three files; the linux
 * driver can only drop capabilities (its guests are unprivileged LXC containers) and set a
 * 32-bit personality, and keeps the rest in the files for a Linux-VServer kernel. Each text
 * completes "takes effect …".
 */
final class CapabilityEffects {

    static final String LINUX = "linux";

    private CapabilityEffects() {
    }

    /**
     * On the linux driver a guest gets no capability that reaches past it: refused with the names.
     * (Inside its user namespace its root already holds the namespaced ones; LXC drops the rest.)
     */
    static void requireAllowed(String driver, @Nullable Collection<String> system) {
        if (!LINUX.equals(driver) || system == null) {
            return;
        }
        Set<String> refused = new TreeSet<>(system);
        refused.retainAll(VserverNames.BEYOND_THE_GUEST);
        if (!refused.isEmpty()) {
            throw new InvalidInputException("bcapabilities", String.join(", ", refused)
                    + (refused.size() == 1 ? " is" : " are") + " never given to a guest on this host (linux driver):"
                    + " it would reach past the guest to the host's clock, modules, devices, mounts or network");
        }
    }

    static String system(String driver) {
        return switch (driver) {
            case LINUX -> "at the next start for what is removed (LXC drops it: lxc.cap.drop); what is added changes"
                    + " nothing on this driver, where the guest's root holds only its own user namespace's capabilities";
            case "read-only" -> "not at all on this host: it runs no guests";
            default -> "at the next start";
        };
    }

    static String context(String driver) {
        return switch (driver) {
            case LINUX -> "not at all on this driver: context capabilities exist only on a Linux-VServer kernel;"
                    + " the file keeps them for one";
            case "read-only" -> "not at all on this host: it runs no guests";
            default -> "at the next start";
        };
    }

    static String personality(String driver, @Nullable String type, List<String> flags) {
        if (!LINUX.equals(driver)) {
            return system(driver);
        }
        boolean typeApplies = type == null || "LINUX32".equals(type) || "LINUX".equals(type);
        if (typeApplies && flags.isEmpty()) {
            return "at the next start (lxc.arch " + ("LINUX32".equals(type) ? "linux32" : "linux64") + ")";
        }
        return "only in part on this driver: at the next start LXC sets a 32-bit (LINUX32) or 64-bit machine"
                + " (lxc.arch); " + (typeApplies ? "" : type + " and ") + "personality flags are not applied here,"
                + " only kept in the file";
    }
}

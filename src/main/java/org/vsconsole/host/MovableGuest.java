package org.vsconsole.host;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.vsconsole.host.config.GuestConfig;

/**
 * What a move carries of a guest's config, read where the guest is (this host's tree or a managed
 * host's agent), and what it leaves behind: the target makes its own config from these values
 * through its own checks, so nothing of the source's files is copied as files.
 *
 * @param context    the static context, or null when util-vserver gives it a dynamic one
 * @param notCarried parts of the config the target will not have, said before anything moves
 */
public record MovableGuest(String name, @Nullable Integer context, String nodename, @Nullable String domainname,
        List<GuestSpec.Address> interfaces, Map<String, LimitValues> rlimits, @Nullable String tmpSize, boolean bootMarked,
        List<String> notCarried) {

    public MovableGuest {
        interfaces = List.copyOf(interfaces);
        rlimits = Map.copyOf(rlimits);
        notCarried = List.copyOf(notCarried);
    }

    public static MovableGuest of(GuestConfig config, Path guestsRoot) {
        GuestSpec spec = GuestSpecs.from(config, guestsRoot);
        return new MovableGuest(config.name(), config.context(), spec.nodename(), spec.domainname(), spec.interfaces(),
                spec.rlimits(), spec.tmpSize(), config.init().bootMarked(), notCarried(config));
    }

    /** What every guest gets on any host; /tmp's size is carried. */
    private static final java.util.Set<String> STANDARD_MOUNTS = java.util.Set.of("/proc", "/sys", "/dev/pts", "/tmp");

    private static List<String> notCarried(GuestConfig config) {
        List<String> left = new ArrayList<>();
        List<String> mounts = config.fstab().stream().map(org.vsconsole.host.config.FstabEntry::mountPoint)
                .filter(m -> m != null && !STANDARD_MOUNTS.contains(m)).toList();
        if (!mounts.isEmpty()) {
            left.add("fstab mounts " + String.join(", ", mounts) + ": mount them again on the target");
        }
        if (!config.dlimits().isEmpty()) {
            left.add("disk limits (dlimits/): set them again on the target");
        }
        if (!config.bcapabilities().isEmpty() || !config.ccapabilities().isEmpty()) {
            left.add("capabilities (bcapabilities, ccapabilities)");
        }
        if (config.personality() != null) {
            left.add("personality");
        }
        if (!config.sched().isEmpty()) {
            left.add("CPU scheduler tokens (sched/)");
        }
        if (!config.ulimits().isEmpty()) {
            left.add("ulimits/: the target applies rlimits only");
        }
        return left;
    }
}

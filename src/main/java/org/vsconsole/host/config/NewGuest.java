package org.vsconsole.host.config;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.vsconsole.host.LimitValues;

/**
 * What the creation wizard asks for. Null {@code domainname}/{@code tmpSize} mean "not set" /
 * the packaged default {@code 16m}.
 *
 * @param rlimits limit name → soft/hard in the limit's unit; equal values are written as the
 *                plain file, different ones as {@code .soft}/{@code .hard}
 */
public record NewGuest(String name, int context, @Nullable String nodename, @Nullable String domainname,
        List<InterfaceSpec> interfaces, @Nullable String tmpSize, boolean startAtBoot, Map<String, LimitValues> rlimits) {

    public NewGuest {
        interfaces = List.copyOf(interfaces);
        rlimits = Map.copyOf(rlimits);
    }
}

package org.vsconsole.provisioning;

import java.util.List;
import java.util.Map;
import org.vsconsole.host.BuildRequest;
import org.vsconsole.host.LimitValues;
import org.vsconsole.host.config.InterfaceSpec;
import org.vsconsole.host.config.NewGuest;
import org.jspecify.annotations.Nullable;

/** A request after every field passed the grammar and the defaults were chosen. */
record ValidatedGuest(String name, String hostname, @Nullable String domain, String ip, int prefix, String device, int xid,
        BuildRequest build, boolean start, Map<String, LimitValues> limits) {

    NewGuest toNewGuest() {
        return new NewGuest(name, xid, hostname, domain, List.of(new InterfaceSpec(ip, prefix, device, null, false)),
                null, false, limits);
    }

    /** What the audit log keeps about the attempt. */
    Map<String, Object> describe() {
        return Map.of("name", name, "hostname", hostname, "ip", ip + "/" + prefix, "interface", device,
                "context", xid, "build", build.method().name().toLowerCase(java.util.Locale.ROOT), "start", start);
    }
}

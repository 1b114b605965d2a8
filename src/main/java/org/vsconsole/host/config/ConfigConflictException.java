package org.vsconsole.host.config;

import java.util.List;

/**
 * The guest's tree changed since the caller read it (another admin, a hand edit, a tool), so the
 * write was not done. {@link #changedPaths()} says which files differ from what the caller saw.
 */
public class ConfigConflictException extends RuntimeException {

    private final String guest;
    private final String expectedDigest;
    private final String actualDigest;
    private final List<String> changedPaths;

    public ConfigConflictException(String guest, String expectedDigest, String actualDigest, List<String> changedPaths) {
        super("guest '" + guest + "' changed on disk since it was read"
                + (changedPaths.isEmpty() ? "" : "; changed: " + String.join(", ", changedPaths)));
        this.guest = guest;
        this.expectedDigest = expectedDigest;
        this.actualDigest = actualDigest;
        this.changedPaths = List.copyOf(changedPaths);
    }

    public String guest() {
        return guest;
    }

    public String expectedDigest() {
        return expectedDigest;
    }

    public String actualDigest() {
        return actualDigest;
    }

    /** Paths relative to the guest dir; empty when the earlier state is unknown (digest only). */
    public List<String> changedPaths() {
        return changedPaths;
    }
}

package org.vsconsole.host;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How to build a guest root. {@code source} is the guest to clone (for {@code CLONE});
 * {@code dist} and {@code mirror} are for {@code DEBOOTSTRAP}; {@code setup} is what every
 * method writes into the new tree afterwards.
 */
public record BuildRequest(Method method, @Nullable String source, @Nullable String dist, @Nullable String mirror,
        GuestSetup setup) {

    public enum Method {
        SKELETON, CLONE, DEBOOTSTRAP
    }

    public BuildRequest {
        setup = setup == null ? GuestSetup.NONE : setup;
    }

    public BuildRequest(Method method, @Nullable String source, @Nullable String dist, @Nullable String mirror) {
        this(method, source, dist, mirror, GuestSetup.NONE);
    }

    public static BuildRequest skeleton() {
        return new BuildRequest(Method.SKELETON, null, null, null);
    }

    /**
     * What newvserver users set at creation, already validated: root's password as a crypt(3)
     * hash (the clear text never gets this far), root's SSH public keys, packages to install and
     * a command to run inside the guest once it first runs.
     */
    public record GuestSetup(@Nullable String rootPasswordHash, List<String> sshKeys, List<String> packages,
            @Nullable String postInstall) {

        public static final GuestSetup NONE = new GuestSetup(null, List.of(), List.of(), null);

        public GuestSetup {
            sshKeys = sshKeys == null ? List.of() : List.copyOf(sshKeys);
            packages = packages == null ? List.of() : List.copyOf(packages);
        }

        /** Whether the guest must run once after the build (to install packages or run the command). */
        public boolean needsFirstRun() {
            return !packages.isEmpty() || postInstall != null;
        }

        @Override
        public String toString() {
            // the hash stays out of logs and exception messages
            return "GuestSetup[rootPassword=" + (rootPasswordHash == null ? "unset" : "set") + ", sshKeys="
                    + sshKeys.size() + ", packages=" + packages + ", postInstall=" + (postInstall == null ? "none" : "set") + "]";
        }
    }
}

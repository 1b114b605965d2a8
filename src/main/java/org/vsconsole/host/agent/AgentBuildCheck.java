package org.vsconsole.host.agent;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.BuildRequest;
import org.vsconsole.host.DebianSuites;
import org.vsconsole.host.HostAptSources;

/**
 * The agent's own check of a build request. The web tier's wizard checks the same fields for the
 * user; this one holds even when the web tier does not: what reaches debootstrap's argv on the
 * host (suite, mirror), which tree a clone copies, and what lands in the guest's files.
 */
final class AgentBuildCheck {

    private static final Pattern METHOD = Pattern.compile("SKELETON|CLONE|DEBOOTSTRAP");
    private static final Pattern SUITE = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern ANY = Pattern.compile("(?s).*");
    /** crypt(3) output: {@code $id$salt$hash}, never a ':' or newline that would split a shadow line. */
    private static final Pattern CRYPT = Pattern.compile("\\$[0-9a-z]{1,4}\\$[./A-Za-z0-9$=,]{1,250}");
    private static final Pattern SSH_KEY = Pattern
            .compile("[a-z0-9@.-]{1,40} [A-Za-z0-9+/]{16,8192}={0,2}( [\\x21-\\x7e][\\x20-\\x7e]{0,199})?");
    private static final Pattern PACKAGE = Pattern.compile("[a-z0-9][a-z0-9+.-]{1,99}");
    private static final int MAX_COMMAND = 4096;

    private final AgentGuests guests;

    AgentBuildCheck(AgentGuests guests) {
        this.guests = guests;
    }

    BuildRequest request(@Nullable AgentRequest r, String guest) {
        if (r == null) {
            throw new InvalidInputException("request", "is required: the build's method and options");
        }
        r.allowOnly(java.util.Set.of("method", "source", "dist", "mirror", "setup"));
        BuildRequest.Method method = BuildRequest.Method.valueOf(r.text("method", METHOD, "SKELETON, CLONE or DEBOOTSTRAP", 16));
        String source = null;
        String dist = null;
        String mirror = null;
        switch (method) {
            case SKELETON -> {
            }
            case CLONE -> {
                source = r.text("source", AgentGuests.NAME, AgentGuests.NAME_RULE, 63);
                if (source.equals(guest) || !guests.exists(source)) {
                    throw new InvalidInputException("request.source", "must be another guest on this host");
                }
            }
            case DEBOOTSTRAP -> {
                dist = r.text("dist", SUITE, "a Debian suite name", 32);
                if (DebianSuites.family(dist).isEmpty()) {
                    throw new InvalidInputException("request.dist", "'" + dist + "' is not a Debian suite this console knows");
                }
                mirror = r.optionalText("mirror", HostAptSources.HTTP_MIRROR, "an http or https mirror address", 255);
            }
        }
        return new BuildRequest(method, source, dist, mirror, setup(r.object("setup"), method));
    }

    private static BuildRequest.GuestSetup setup(@Nullable AgentRequest s, BuildRequest.Method method) {
        if (s == null) {
            return BuildRequest.GuestSetup.NONE;
        }
        s.allowOnly(java.util.Set.of("rootPasswordHash", "sshKeys", "packages", "postInstall"));
        var packages = s.texts("packages", PACKAGE, "a Debian package name", 100, 100);
        if (!packages.isEmpty() && method != BuildRequest.Method.DEBOOTSTRAP) {
            throw new InvalidInputException("request.setup.packages", "are installed by Debian builds only");
        }
        String command = s.optionalText("postInstall", ANY, "at most " + MAX_COMMAND + " characters", MAX_COMMAND);
        if (command != null && command.codePoints().anyMatch(c -> (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)) {
            throw new InvalidInputException("request.setup.postInstall", "must not hold control characters but newline and tab");
        }
        return new BuildRequest.GuestSetup(s.optionalText("rootPasswordHash", CRYPT, "a crypt(3) hash", 256),
                s.texts("sshKeys", SSH_KEY, "one OpenSSH public key line", 20, 8500), packages, command);
    }
}

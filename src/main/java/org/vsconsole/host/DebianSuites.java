package org.vsconsole.host;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The distributions a guest may be built from with {@code debootstrap}: an allow-list of suites
 * still served by their archives, of which the host offers those its {@code debootstrap} knows
 * (a script under {@code /usr/share/debootstrap/scripts}). A suite name reaches argv, so nothing
 * outside this list ever does.
 */
public final class DebianSuites {

    /** Archive family: which default mirror and which security suite name a suite has. */
    public enum Family {
        DEBIAN, UBUNTU
    }

    private static final Map<String, Family> KNOWN = Map.of(
            "bullseye", Family.DEBIAN,
            "bookworm", Family.DEBIAN,
            "trixie", Family.DEBIAN,
            "sid", Family.DEBIAN,
            "jammy", Family.UBUNTU,
            "noble", Family.UBUNTU);
    private static final List<String> ORDER = List.of("bookworm", "trixie", "bullseye", "sid", "noble", "jammy");
    private static final Path SCRIPTS = Path.of("/usr/share/debootstrap/scripts");

    private DebianSuites() {
    }

    /** The family of an allow-listed suite, or empty for anything else. */
    public static Optional<Family> family(@Nullable String suite) {
        return Optional.ofNullable(suite == null ? null : KNOWN.get(suite));
    }

    /** Allow-listed suites this host's debootstrap can build, most wanted first. */
    public static List<String> available() {
        return ORDER.stream().filter(s -> Files.exists(SCRIPTS.resolve(s))).toList();
    }

    /** All allow-listed suites, whether or not this host can build them. */
    public static List<String> known() {
        return ORDER;
    }

    /** The suite that carries security updates for {@code suite}, or empty where there is none (sid). */
    public static Optional<String> securitySuite(String suite) {
        return switch (family(suite).orElse(Family.DEBIAN)) {
            case DEBIAN -> suite.equals("sid")
                    ? Optional.empty()
                    : Optional.of(suite.equals("bullseye") ? "bullseye-security" : suite + "-security");
            case UBUNTU -> Optional.of(suite + "-security");
        };
    }
}

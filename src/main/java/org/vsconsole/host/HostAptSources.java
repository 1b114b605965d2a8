package org.vsconsole.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The Debian mirror this host itself installs from, so guests are built from the mirror the admin
 * already chose (and that the host's network allows), not from a guess. Reads the one-line
 * ({@code sources.list}, {@code *.list}) and deb822 ({@code *.sources}) formats; only plain
 * {@code http://} archives count, because guests fetch through the host's package cache.
 */
public final class HostAptSources {

    public static final String DEBIAN_DEFAULT = "http://deb.debian.org/debian";
    public static final String DEBIAN_SECURITY_DEFAULT = "http://deb.debian.org/debian-security";
    public static final String UBUNTU_DEFAULT = "http://archive.ubuntu.com/ubuntu";

    /**
     * A plain-http archive: host, optional port, plain path; no user info, query or spaces. The one
     * rule for a mirror that reaches debootstrap's argv or a guest's sources.list.
     */
    public static final Pattern HTTP_MIRROR = Pattern
            .compile("http://[A-Za-z0-9]([A-Za-z0-9.-]{0,252})(:[0-9]{1,5})?(/[A-Za-z0-9._~/%+-]*)?");

    /** One archive the host uses: its address and the suites it is asked for. */
    record Source(String uri, List<String> suites) {
    }

    private final Path aptDir;

    public HostAptSources(Path aptDir) {
        this.aptDir = aptDir;
    }

    public static HostAptSources ofHost() {
        return new HostAptSources(Path.of("/etc/apt"));
    }

    /** The host's Debian archive (not its security archive), or Debian's own redirector. */
    public String debianMirror() {
        return sources().stream()
                .filter(s -> s.suites().stream().noneMatch(x -> x.endsWith("-security")) && s.uri().endsWith("/debian"))
                .map(Source::uri).findFirst().orElse(DEBIAN_DEFAULT);
    }

    /** The host's Debian security archive, or Debian's own. */
    public String debianSecurityMirror() {
        return sources().stream()
                .filter(s -> s.suites().stream().anyMatch(x -> x.endsWith("-security")))
                .map(Source::uri).findFirst().orElse(DEBIAN_SECURITY_DEFAULT);
    }

    List<Source> sources() {
        List<Source> out = new ArrayList<>();
        read(aptDir.resolve("sources.list"), out);
        Path dir = aptDir.resolve("sources.list.d");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.sorted().forEach(f -> read(f, out));
            } catch (IOException e) {
                // an unreadable directory just leaves the defaults
            }
        }
        return out;
    }

    private static void read(Path file, List<Source> out) {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file) || !(name.endsWith(".list") || name.endsWith(".sources"))) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return;
        }
        if (name.endsWith(".sources")) {
            readDeb822(lines, out);
        } else {
            readOneLine(lines, out);
        }
    }

    private static void readOneLine(List<String> lines, List<Source> out) {
        for (String raw : lines) {
            String line = raw.replaceAll("#.*", "").replaceAll("\\[[^]]*]", " ").trim();
            String[] words = line.split("\\s+");
            if (words.length >= 3 && words[0].equals("deb")) {
                add(words[1], List.of(words[2]), out);
            }
        }
    }

    private static void readDeb822(List<String> lines, List<Source> out) {
        List<String> stanza = new ArrayList<>();
        for (String raw : lines) {
            if (raw.isBlank()) {
                stanza(stanza, out);
                stanza.clear();
            } else if (!raw.startsWith("#")) {
                stanza.add(raw);
            }
        }
        stanza(stanza, out);
    }

    private static void stanza(List<String> fields, List<Source> out) {
        String types = value(fields, "Types");
        String enabled = value(fields, "Enabled");
        if (types == null || !List.of(types.split("\\s+")).contains("deb") || "no".equalsIgnoreCase(enabled)) {
            return;
        }
        String uris = value(fields, "URIs");
        String suites = value(fields, "Suites");
        if (uris != null && suites != null) {
            for (String uri : uris.split("\\s+")) {
                add(uri, List.of(suites.split("\\s+")), out);
            }
        }
    }

    private static @Nullable String value(List<String> fields, String key) {
        for (String field : fields) {
            int colon = field.indexOf(':');
            if (colon > 0 && field.substring(0, colon).trim().equalsIgnoreCase(key)) {
                return field.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static void add(String uri, List<String> suites, List<Source> out) {
        String trimmed = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        if (HTTP_MIRROR.matcher(trimmed).matches()) {
            out.add(new Source(trimmed, suites));
        }
    }
}

package org.vsconsole.provisioning;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.BuildRequest;
import org.vsconsole.host.DebianSuites;
import org.vsconsole.host.HostAptSources;
import org.vsconsole.updates.PackageNames;
import org.jspecify.annotations.Nullable;

/**
 * Checks what a Debian build and the new guest's setup take: suite, mirror, root password, SSH
 * keys, packages and the post-install command. Each value reaches argv or a file in the guest,
 * so each is held to an allow-list; errors name the request's field ({@code build.dist}, …).
 */
final class BuildOptionsValidator {

    /** OpenSSH public key line: type, base64 blob, optional comment of printable ASCII. */
    private static final Pattern SSH_KEY = Pattern.compile(
            "(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp256|ecdsa-sha2-nistp384|ecdsa-sha2-nistp521|sk-ssh-ed25519@openssh\\.com"
                    + "|sk-ecdsa-sha2-nistp256@openssh\\.com) ([A-Za-z0-9+/]{16,8192}={0,2})( [\\x21-\\x7e][\\x20-\\x7e]{0,199})?");
    private static final int MAX_KEYS = 20;
    private static final int MAX_COMMAND = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HostAptSources hostSources;
    private final List<String> buildableSuites;

    BuildOptionsValidator(HostAptSources hostSources, List<String> buildableSuites) {
        this.hostSources = hostSources;
        this.buildableSuites = List.copyOf(buildableSuites);
    }

    List<String> buildableSuites() {
        return buildableSuites;
    }

    /** The mirror a Debian build uses when none is given: the host's own. */
    String defaultMirror(String suite) {
        return DebianSuites.family(suite).orElse(DebianSuites.Family.DEBIAN) == DebianSuites.Family.UBUNTU
                ? HostAptSources.UBUNTU_DEFAULT
                : hostSources.debianMirror();
    }

    String dist(@Nullable String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("build.dist", "choose a distribution: one of " + buildableSuites);
        }
        if (DebianSuites.family(text).isEmpty()) {
            throw new InvalidInputException("build.dist", "must be one of the supported suites " + DebianSuites.known());
        }
        if (!buildableSuites.contains(text)) {
            throw new InvalidInputException("build.dist", "this host's debootstrap cannot build '" + text
                    + "'; it can build " + buildableSuites);
        }
        return text;
    }

    String mirror(@Nullable String text, String suite) {
        if (text == null || text.isBlank()) {
            return defaultMirror(suite);
        }
        String trimmed = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        if (trimmed.length() > 255 || !HostAptSources.HTTP_MIRROR.matcher(trimmed).matches()) {
            throw new InvalidInputException("build.mirror", "an http:// address with a host and a plain path, such as "
                    + HostAptSources.DEBIAN_DEFAULT + " (guests fetch through the host's package cache, which"
                    + " caches plain http; packages are signed)");
        }
        return trimmed;
    }

    BuildRequest.GuestSetup setup(CreateGuestRequest.Build b, BuildRequest.Method method) {
        if (b == null) {
            return BuildRequest.GuestSetup.NONE;
        }
        List<String> packages = packages(b.packages(), method);
        return new BuildRequest.GuestSetup(passwordHash(b.rootPassword()), sshKeys(b.sshKeys()), packages,
                postInstall(b.postInstall()));
    }

    /**
     * SHA-512 crypt(3), which every Debian and Ubuntu PAM accepts, with a random salt and more
     * rounds than the default; the clear text is dropped here.
     */
    static @Nullable String passwordHash(@Nullable String password) {
        if (password == null || password.isEmpty()) {
            return null;
        }
        if (password.length() < 8 || password.length() > 128) {
            throw new InvalidInputException("build.rootPassword", "must be 8 to 128 characters long");
        }
        if (password.codePoints().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidInputException("build.rootPassword", "must not contain control characters");
        }
        byte[] saltBytes = new byte[12];
        RANDOM.nextBytes(saltBytes);
        String salt = Base64.getEncoder().withoutPadding().encodeToString(saltBytes).replace('+', '.');
        return Sha2Crypt.sha512Crypt(password.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "$6$rounds=100000$" + salt);
    }

    static List<String> sshKeys(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        int lineNo = 0;
        for (String raw : text.split("\\R")) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = SSH_KEY.matcher(line);
            if (!m.matches() || !blobNamesType(m.group(2), m.group(1))) {
                throw new InvalidInputException("build.sshKeys", "line " + lineNo + " is not an OpenSSH public key"
                        + " (ssh-ed25519, ssh-rsa or ecdsa-sha2-nistp… followed by its base64 key and an optional comment;"
                        + " no options)");
            }
            keys.add(line);
        }
        if (keys.size() > MAX_KEYS) {
            throw new InvalidInputException("build.sshKeys", "at most " + MAX_KEYS + " keys");
        }
        return keys;
    }

    /** A key's blob starts with its own type name; a pasted private key or a typo fails this. */
    private static boolean blobNamesType(String blob, String type) {
        try {
            byte[] bytes = Base64.getDecoder().decode(blob);
            if (bytes.length < 4 + type.length()) {
                return false;
            }
            int length = ((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
            return length == type.length()
                    && new String(bytes, 4, length, java.nio.charset.StandardCharsets.US_ASCII).equals(type);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static List<String> packages(List<String> requested, BuildRequest.Method method) {
        if (requested == null || requested.isEmpty()) {
            return List.of();
        }
        if (method != BuildRequest.Method.DEBOOTSTRAP) {
            throw new InvalidInputException("build.packages", "packages can be installed only in a Debian build (debootstrap)");
        }
        return PackageNames.checked(requested, "build.packages");
    }

    static @Nullable String postInstall(@Nullable String command) {
        if (command == null || command.isBlank()) {
            return null;
        }
        if (command.length() > MAX_COMMAND) {
            throw new InvalidInputException("build.postInstall", "at most " + MAX_COMMAND + " characters");
        }
        if (command.codePoints().anyMatch(c -> (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)) {
            throw new InvalidInputException("build.postInstall", "must not contain control characters other than"
                    + " newline and tab");
        }
        return command.strip();
    }
}

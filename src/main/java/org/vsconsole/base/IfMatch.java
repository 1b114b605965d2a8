package org.vsconsole.base;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * HTTP-native optimistic concurrency for a guest: its ETag is the digest of its config tree
 * (a strong validator, the same value as the {@code digest} in the bodies), and a write that
 * carries {@code If-Match} only happens while that is still the digest.
 */
public final class IfMatch {

    /** Request attribute set when a write's expected digest came from {@code If-Match}. */
    public static final String USED_ATTRIBUTE = "org.vsconsole.if-match";

    private IfMatch() {
    }

    /**
     * The digest a write must find: the one {@code If-Match} names (checked against
     * {@code currentDigest} at once, and marked on the request so a later stale answer is a 412),
     * else the one the body sent.
     */
    public static @Nullable String expected(@Nullable String header, java.util.function.Supplier<String> currentDigest,
            @Nullable String bodyDigest) {
        if (header == null) {
            return bodyDigest;
        }
        Optional<String> wanted = check(header, currentDigest.get());
        if (wanted.isEmpty()) {
            return bodyDigest;
        }
        var attributes = org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
        if (attributes != null) {
            attributes.setAttribute(USED_ATTRIBUTE, Boolean.TRUE,
                    org.springframework.web.context.request.RequestAttributes.SCOPE_REQUEST);
        }
        return wanted.get();
    }

    /** The ETag header value for a digest. */
    public static String etag(String digest) {
        return "\"" + digest + "\"";
    }

    /**
     * The digest an {@code If-Match} header asks for: empty when there is no header or it is
     * {@code *} (any current version). Only one strong entity tag is meaningful for one guest;
     * a weak tag or a list is refused by name rather than guessed at.
     */
    public static Optional<String> digest(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.startsWith("W/")) {
            throw new InvalidInputException("If-Match", "must be a strong ETag (weak validators cannot guard a write)");
        }
        if (value.length() < 2 || !value.startsWith("\"") || !value.endsWith("\"") || value.indexOf(',') >= 0
                || value.indexOf('"', 1) != value.length() - 1) {
            throw new InvalidInputException("If-Match", "must be one quoted ETag as answered by a GET");
        }
        return Optional.of(value.substring(1, value.length() - 1));
    }

    /**
     * Refuses with {@link PreconditionFailedException} when {@code header} names another version
     * than {@code currentDigest}; answers the digest the caller asked for (empty without header).
     */
    public static Optional<String> check(String header, String currentDigest) {
        Optional<String> wanted = digest(header);
        if (wanted.isPresent() && !wanted.get().equals(currentDigest)) {
            throw new PreconditionFailedException(etag(currentDigest));
        }
        return wanted;
    }
}

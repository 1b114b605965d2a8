package org.vsconsole.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditTarget;
import org.vsconsole.audit.AuditedAction;
import org.vsconsole.base.ActionRefusedException;
import org.vsconsole.base.InvalidInputException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * API tokens, the way scripts call the API: made by a signed-in person with a name, an expiry and
 * a scope (read-only, or the owner's roles); the secret ({@code vsc_} + 256 random bits) is shown
 * once and only its SHA-256 is stored. A token cannot make tokens (that would let a leaked
 * read-only token mint a writing one). Making and revoking are audited; uses are audited by
 * {@link TokenUseAudit}.
 */
@Service
public class ApiTokenService {

    static final String PREFIX = "vsc_";
    static final int MAX_ACTIVE_PER_USER = 20;
    static final int MAX_DAYS = 365;
    static final int DEFAULT_DAYS = 90;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}");
    /** Writing the last use more often than this only adds database writes to every call. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final ApiTokenRepository tokens;
    private final UserRepository users;
    private final AuditService audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private ReadPathWrites readWrites = ReadPathWrites.DIRECT;

    @org.springframework.beans.factory.annotation.Autowired(required = false)
    void readPathWrites(ReadPathWrites writes) {
        this.readWrites = writes;
    }

    @Autowired
    ApiTokenService(ApiTokenRepository tokens, UserRepository users, AuditService audit) {
        this(tokens, users, audit, Clock.systemUTC());
    }

    ApiTokenService(ApiTokenRepository tokens, UserRepository users, AuditService audit, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    @PreAuthorize("isAuthenticated()")
    @AuditedAction(AuditActions.TOKEN_CREATE)
    public NewApiToken create(@Nullable String name, @Nullable Integer expiresInDays, @Nullable Boolean readOnly) {
        String username = currentUsername();
        NewApiToken[] made = new NewApiToken[1];
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("name", name == null ? null : name.length() > 80 ? name.substring(0, 80) + "…" : name);
        before.put("expiresInDays", expiresInDays);
        before.put("readOnly", readOnly);
        audit.audited(AuditActions.TOKEN_CREATE, AuditTarget.detail(username), before, () -> {
            if (SecurityContextHolder.getContext().getAuthentication() instanceof ApiTokenAuthentication) {
                throw new ActionRefusedException("token", "API tokens are made by a person signed in with a password,"
                        + " not with another token");
            }
            if (name == null || !NAME.matcher(name).matches()) {
                throw new InvalidInputException("name", "1 to 64 letters, digits, spaces, '.', '_' or '-', starting"
                        + " with a letter or digit");
            }
            int days = expiresInDays == null ? DEFAULT_DAYS : expiresInDays;
            if (days < 1 || days > MAX_DAYS) {
                throw new InvalidInputException("expiresInDays", "must be 1 to " + MAX_DAYS + " days");
            }
            long userId = users.find(username).orElseThrow(() -> new InvalidInputException("user", "no such account")).id();
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            if (tokens.nameTaken(userId, name)) {
                throw new InvalidInputException("name", "you already have a token named '" + name + "'");
            }
            if (tokens.countActive(userId, now) >= MAX_ACTIVE_PER_USER) {
                throw new InvalidInputException("token", "at most " + MAX_ACTIVE_PER_USER + " active tokens per account;"
                        + " revoke one first");
            }
            String secret = PREFIX + secret();
            boolean ro = Boolean.TRUE.equals(readOnly);
            Instant expires = now.plus(Duration.ofDays(days));
            long id = tokens.insert(userId, name, sha256(secret), ro, now, expires);
            made[0] = new NewApiToken(id, name, secret, ro, now, expires);
            // the secret never reaches the audit log
            return Map.of("id", id, "name", name, "readOnly", ro, "expiresAt", expires.toString());
        });
        return made[0];
    }

    @PreAuthorize("isAuthenticated()")
    public List<ApiToken> mine() {
        String username = currentUsername();
        return users.find(username).map(u -> tokens.ofUser(u.id())).orElse(List.of());
    }

    @PreAuthorize("isAuthenticated()")
    @AuditedAction(AuditActions.TOKEN_REVOKE)
    public void revoke(long id) {
        String username = currentUsername();
        audit.audited(AuditActions.TOKEN_REVOKE, AuditTarget.detail(username), Map.of("id", id), () -> {
            long userId = users.find(username).orElseThrow(() -> new InvalidInputException("user", "no such account")).id();
            ApiToken token = tokens.ofUser(userId).stream().filter(t -> t.id() == id).findFirst()
                    .orElseThrow(() -> new InvalidInputException("id", "you have no token " + id));
            if (!tokens.revoke(userId, id, clock.instant())) {
                throw new InvalidInputException("id", "token " + id + " is already revoked");
            }
            return Map.of("id", id, "name", token.name(), "revoked", true);
        });
    }

    /** The authentication a presented secret stands for, or empty when it is unknown, expired, revoked or its owner disabled. */
    Optional<ApiTokenAuthentication> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return tokens.byHash(sha256(secret))
                .filter(h -> h.revokedAt() == null && h.expiresAt().isAfter(now) && h.userEnabled())
                .flatMap(h -> users.find(h.username()).map(account -> {
                    if (h.lastUsedAt() == null || h.lastUsedAt().isBefore(now.minus(TOUCH_EVERY))) {
                        readWrites.run("the last use of token " + h.tokenId(), () -> tokens.touched(h.tokenId(), now));
                    }
                    // The roles stay, so a read-only token reads what its owner reads (mapping them to
                    // AUDITOR would let an OPERATOR's token read the audit log); the marker makes the
                    // services refuse every change.
                    List<SimpleGrantedAuthority> authorities = new java.util.ArrayList<>(
                            account.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList());
                    if (h.readOnly()) {
                        authorities.add(new SimpleGrantedAuthority(ApiTokenAuthentication.READ_ONLY_AUTHORITY));
                    }
                    return new ApiTokenAuthentication(h.username(), h.tokenId(), h.tokenName(), h.readOnly(),
                            account.mustChangePassword(), authorities);
                }));
    }

    private String secret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The signed-in user: every caller is {@code @PreAuthorize("isAuthenticated()")}. */
    private static String currentUsername() {
        return Objects.requireNonNull(SecurityContextHolder.getContext().getAuthentication(),
                "callers are for signed-in users only").getName();
    }
}

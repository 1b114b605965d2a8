package org.vsconsole.security;

import java.util.Collection;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.jspecify.annotations.Nullable;

/** A request authenticated by an API token: acts as the token's owner, with the owner's roles. */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    /**
     * Held, besides the owner's roles, by a read-only token's authentication: the services refuse
     * every state change under it ({@link ReadOnlyTokenGuard}, {@link CurrentUser#mayOperate}).
     */
    static final String READ_ONLY_AUTHORITY = "TOKEN_READ_ONLY";

    private final String username;
    private final long tokenId;
    private final String tokenName;
    private final boolean readOnly;
    private final boolean mustChangePassword;

    ApiTokenAuthentication(String username, long tokenId, String tokenName, boolean readOnly,
            Collection<? extends GrantedAuthority> authorities) {
        this(username, tokenId, tokenName, readOnly, false, authorities);
    }

    /**
     * {@code mustChangePassword} as the owner's account said when this request's token was checked,
     * so the password-change gate need not ask the database again for the same request.
     */
    ApiTokenAuthentication(String username, long tokenId, String tokenName, boolean readOnly, boolean mustChangePassword,
            Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.username = username;
        this.tokenId = tokenId;
        this.tokenName = tokenName;
        this.readOnly = readOnly;
        this.mustChangePassword = mustChangePassword;
        setAuthenticated(true);
    }

    boolean mustChangePassword() {
        return mustChangePassword;
    }

    @Override
    public @Nullable Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return username;
    }

    long tokenId() {
        return tokenId;
    }

    String tokenName() {
        return tokenName;
    }

    boolean readOnly() {
        return readOnly;
    }
}

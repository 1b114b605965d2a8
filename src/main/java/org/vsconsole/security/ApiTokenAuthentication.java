package org.vsconsole.security;

import java.util.Collection;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

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

    ApiTokenAuthentication(String username, long tokenId, String tokenName, boolean readOnly,
            Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.username = username;
        this.tokenId = tokenId;
        this.tokenName = tokenName;
        this.readOnly = readOnly;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
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

package org.vsconsole.audit;

import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.vsconsole.base.ClientAddress;
import org.jspecify.annotations.Nullable;

/** Who did something, with the roles they held then and where they came from. */
public record Actor(String name, String roles, @Nullable String clientAddress) {

    /** The console itself (start-up work, the sampler, reconciliation). */
    public static final Actor SYSTEM = new Actor("system", "", null);

    /** A change found on disk that nobody made through the console. */
    public static final Actor EXTERNAL = new Actor("external (detected)", "", null);

    /** The console starting the host's marked guests after the host booted. */
    public static final Actor BOOT = new Actor("system (boot)", "", null);

    /** The user of an authentication (e.g. one just signed out), with their roles and client. */
    public static Actor of(Authentication auth) {
        String roles = auth.getAuthorities().stream()
                .map(a -> a.getAuthority())
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring("ROLE_".length()))
                .sorted()
                .collect(Collectors.joining(","));
        String client = ClientAddress.current();
        if (client == null && auth.getDetails() instanceof WebAuthenticationDetails details) {
            // Work a user started that runs off the request thread: the address they signed in from.
            client = details.getRemoteAddress();
        }
        return new Actor(auth.getName(), roles, client);
    }
}

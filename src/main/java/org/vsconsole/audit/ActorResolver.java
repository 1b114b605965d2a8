package org.vsconsole.audit;

import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.vsconsole.base.ClientAddress;

/**
 * Finds who is acting from the current thread: the signed-in user of a REST or Vaadin request,
 * or the console itself on background threads, which carry no security context.
 */
@Component
class ActorResolver {

    Actor current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || "anonymousUser".equals(auth.getName())) {
            String client = clientAddress();
            return client == null ? Actor.SYSTEM : new Actor("anonymous", "", client);
        }
        String roles = auth.getAuthorities().stream()
                .map(a -> a.getAuthority())
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring("ROLE_".length()))
                .sorted()
                .collect(Collectors.joining(","));
        return new Actor(auth.getName(), roles, clientAddress());
    }

    private static String clientAddress() {
        return ClientAddress.current();
    }
}

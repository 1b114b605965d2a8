package org.vsconsole.audit;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.vsconsole.base.ClientAddress;
import org.jspecify.annotations.Nullable;

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
        return Actor.of(auth);
    }

    private static @Nullable String clientAddress() {
        return ClientAddress.current();
    }
}

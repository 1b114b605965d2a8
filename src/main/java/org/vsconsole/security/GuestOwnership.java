package org.vsconsole.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Ties owners to a guest rather than to its name. A guest deleted (by the console or by hand)
 * takes its owners with it; a new guest made later under the same name starts without any, so
 * the old owner cannot control someone else's guest.
 */
@Service
public class GuestOwnership {

    private static final Logger log = LoggerFactory.getLogger(GuestOwnership.class);

    private final UserRepository users;

    GuestOwnership(UserRepository users) {
        this.users = users;
    }

    /** The guest known as {@code name} no longer exists: its owners do not pass to a successor. */
    public void guestRemoved(String name) {
        if (users.retireIdentity(name) > 0) {
            log.info("Guest '{}' is gone: its owners do not carry over to a new guest of that name", name);
        }
    }

    /** The guest {@code from} moved to {@code to} (another host's {@code host/name}): its owners own it there too. */
    public void moved(String from, String to) {
        int copied = users.copyOwners(from, to);
        log.info("Guest '{}' moved to '{}': {} owner(s) follow it", from, to, copied);
    }

    /**
     * Managed host {@code host} now has exactly {@code guests}: a guest it no longer lists was
     * deleted there, by the console or by hand, and its owners go with it.
     */
    public void hostListed(String host, java.util.Set<String> guests) {
        for (String ref : users.identitiesOnHost(host)) {
            if (!guests.contains(ref.substring(host.length() + 1))) {
                guestRemoved(ref);
            }
        }
    }

    /** Host {@code host} is no longer managed: a host added later under that name may be another machine. */
    public void hostRemoved(String host) {
        hostListed(host, java.util.Set.of());
    }
}

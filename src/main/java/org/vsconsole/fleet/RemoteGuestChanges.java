package org.vsconsole.fleet;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.vsconsole.audit.Actor;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditEntry;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditTarget;
import org.vsconsole.audit.Outcome;
import org.vsconsole.host.config.HostGrammar;
import org.vsconsole.security.GuestOwnership;

/**
 * Keeps the console in step with what a managed host lists. A guest that appears or goes between
 * two looks without the console having made or deleted it was made or removed there by hand: it
 * is logged as this host's reconcile logs its own ("external (detected)"), and a guest gone takes
 * its owners with it. What each host listed is kept in H2, so what changed there while the
 * console was not running is noticed at its first look; a host's very first look is the baseline.
 */
@Component
class RemoteGuestChanges {

    private static final Logger log = LoggerFactory.getLogger(RemoteGuestChanges.class);

    private final AuditService audit;
    private final GuestOwnership ownership;
    private final HostListingRepository listings;
    private final Map<String, Set<String>> lastListed = new HashMap<>();
    private final Map<String, Set<String>> expected = new HashMap<>();

    RemoteGuestChanges(AuditService audit, GuestOwnership ownership, HostListingRepository listings) {
        this.listings = listings;
        this.audit = audit;
        this.ownership = ownership;
    }

    /** The console is about to make or delete {@code guest} on {@code host}: the next look that sees it is not news. */
    synchronized void expect(String host, String guest) {
        expected.computeIfAbsent(host, h -> new HashSet<>()).add(guest);
    }

    /** What {@link #expect} announced did not happen: the agent refused it. */
    synchronized void unexpect(String host, String guest) {
        Set<String> here = expected.get(host);
        if (here != null) {
            here.remove(guest);
        }
    }

    /** A look at {@code host} found {@code guests}; called when the list changed, and at the first look. */
    void listed(String host, Set<String> listed) {
        // names reach H2 and the log: a host's agent that lists something no guest can be called is ignored there
        Set<String> guests = listed.stream().filter(HostGrammar::isHostGuestName).collect(Collectors.toUnmodifiableSet());
        Set<String> before;
        Set<String> expectedHere;
        synchronized (this) {
            before = lastListed.containsKey(host) ? lastListed.get(host) : listings.last(host).orElse(null);
            expectedHere = expected.getOrDefault(host, new HashSet<>());
        }
        if (!guests.equals(before)) {
            listings.save(host, guests, Instant.now());
        }
        synchronized (this) {
            lastListed.put(host, guests);
        }
        ownership.hostListed(host, guests);
        if (before == null) {
            return;
        }
        for (String guest : guests) {
            if (!before.contains(guest) && !consume(expectedHere, guest)) {
                outside(AuditActions.GUEST_APPEARED_OUTSIDE, host, guest, "made");
            }
        }
        for (String guest : before) {
            if (!guests.contains(guest) && !consume(expectedHere, guest)) {
                outside(AuditActions.GUEST_REMOVED_OUTSIDE, host, guest, "removed");
            }
        }
    }

    /** Host {@code host} is no longer managed: forget it, and its owners go. */
    void forget(String host) {
        synchronized (this) {
            lastListed.remove(host);
            expected.remove(host);
        }
        listings.forget(host);
        ownership.hostRemoved(host);
    }

    private synchronized boolean consume(Set<String> expectedHere, String guest) {
        return expectedHere.remove(guest);
    }

    private void outside(String action, String host, String guest, String how) {
        String message = "guest '" + guest + "' was " + how + " on host " + host + " outside the console";
        audit.record(Actor.EXTERNAL, new AuditEntry(action, AuditTarget.guestOnHost(host, guest), null, null, Outcome.OK, message, 0),
                UUID.randomUUID().toString());
        log.info("{}", message);
    }
}

package org.vsconsole.host;

/**
 * A guest whose config tree claims a context that another guest holds: it is never treated as
 * running, and every action on it is refused with {@link #reason()}.
 *
 * @param guest  the guest in conflict
 * @param xid    the context both claim
 * @param heldBy the guest that holds the context
 */
public record ContextConflict(String guest, int xid, String heldBy) {

    public String reason() {
        return "context " + xid + " is also claimed by guest " + heldBy;
    }
}

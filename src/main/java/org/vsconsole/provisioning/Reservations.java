package org.vsconsole.provisioning;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.vsconsole.host.config.IpLiteral;

/**
 * Names, context ids and addresses of creations that were accepted but whose job has not yet
 * written the config. Without this two wizards submitted a second apart would be offered, and
 * accept, the same free address; the config writer would refuse the second only after its job
 * started. The writer's own check under its lock stays the final word.
 */
final class Reservations {

    record Held(String name, int xid, String ip) {
    }

    private final Map<String, Held> byName = new ConcurrentHashMap<>();

    /** Holds the guest's name, id and address; false when another creation holds the name. */
    boolean hold(Held held) {
        return byName.putIfAbsent(held.name(), held) == null;
    }

    void release(String name) {
        byName.remove(name);
    }

    boolean holdsName(String name) {
        return byName.containsKey(name);
    }

    Set<Integer> xids() {
        return byName.values().stream().map(Held::xid).collect(Collectors.toSet());
    }

    Set<String> ips() {
        return byName.values().stream().map(Held::ip).collect(Collectors.toSet());
    }

    Optional<String> holderOfXid(int xid) {
        return held().stream().filter(h -> h.xid() == xid).map(Held::name).findFirst();
    }

    Optional<String> holderOfAddress(IpLiteral ip) {
        return held().stream().filter(h -> AddressAllocator.sameAddress(ip, h.ip())).map(Held::name).findFirst();
    }

    private Collection<Held> held() {
        return List.copyOf(byName.values());
    }
}

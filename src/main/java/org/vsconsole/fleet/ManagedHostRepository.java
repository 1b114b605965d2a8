package org.vsconsole.fleet;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The managed hosts in H2. */
@Repository
class ManagedHostRepository {

    private final JdbcClient jdbc;

    ManagedHostRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ManagedHost> all() {
        return jdbc.sql("SELECT name, address, port, ssh_user, host_key_fingerprint, added_by, added_at FROM managed_host"
                + " ORDER BY name").query(
                        (rs, n) -> new ManagedHost(rs.getString(1), rs.getString(2), rs.getInt(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant()))
                .list();
    }

    Optional<ManagedHost> find(String name) {
        return all().stream().filter(h -> h.name().equals(name)).findFirst();
    }

    boolean addressTaken(String address, int port) {
        return jdbc.sql("SELECT COUNT(*) FROM managed_host WHERE address = ? AND port = ?").params(address, port)
                .query(Long.class).single() > 0;
    }

    void insert(ManagedHost host) {
        jdbc.sql("INSERT INTO managed_host (name, address, port, ssh_user, host_key_fingerprint, added_by, added_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(host.name(), host.address(), host.port(), host.user(), host.fingerprint(), host.addedBy(),
                        host.addedAt().atOffset(ZoneOffset.UTC))
                .update();
    }

    boolean delete(String name) {
        return jdbc.sql("DELETE FROM managed_host WHERE name = ?").param(name).update() == 1;
    }
}

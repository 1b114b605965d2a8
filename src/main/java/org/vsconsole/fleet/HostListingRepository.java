package org.vsconsole.fleet;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The guest names each managed host listed at its last look, in H2. */
@Repository
class HostListingRepository {

    private final JdbcClient jdbc;

    HostListingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The names {@code host} listed last; empty when it was never looked at. */
    @Transactional(readOnly = true)
    public Optional<Set<String>> last(String host) {
        boolean listed = jdbc.sql("SELECT COUNT(*) FROM managed_host_listing WHERE host_name = ?").param(host)
                .query(Long.class).single() > 0;
        if (!listed) {
            return Optional.empty();
        }
        return Optional.of(Set.copyOf(jdbc.sql("SELECT guest_name FROM managed_host_guest WHERE host_name = ?").param(host)
                .query((rs, n) -> rs.getString(1)).list()));
    }

    /** Replaces what {@code host} listed, all at once. */
    @Transactional
    public void save(String host, Set<String> guests, Instant at) {
        forget(host);
        jdbc.sql("INSERT INTO managed_host_listing (host_name, listed_at) VALUES (?, ?)").params(host, at.atOffset(ZoneOffset.UTC))
                .update();
        for (String guest : guests) {
            jdbc.sql("INSERT INTO managed_host_guest (host_name, guest_name) VALUES (?, ?)").params(host, guest).update();
        }
    }

    @Transactional
    public void forget(String host) {
        jdbc.sql("DELETE FROM managed_host_guest WHERE host_name = ?").param(host).update();
        jdbc.sql("DELETE FROM managed_host_listing WHERE host_name = ?").param(host).update();
    }
}

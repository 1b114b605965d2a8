package org.vsconsole.updates;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The last known count of pending (and security) updates per guest. */
@Repository
class PendingUpdates {

    private final JdbcClient jdbc;

    PendingUpdates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(String guest, AptSimulation simulation) {
        save(new PendingStatus(guest, simulation.upgraded().size(), simulation.security(),
                Instant.now(), null));
    }

    void recordProblem(String guest, String problem) {
        save(new PendingStatus(guest, null, null, Instant.now(), problem.length() > 500 ? problem.substring(0, 500) : problem));
    }

    /** Every guest's last count, by guest name. */
    Map<String, PendingStatus> all() {
        return jdbc.sql("SELECT guest, pending, security, checked_at, problem FROM guest_update_status")
                .query((rs, n) -> new PendingStatus(rs.getString(1), (Integer) rs.getObject(2), (Integer) rs.getObject(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5)))
                .list().stream().collect(Collectors.toMap(PendingStatus::guest, s -> s));
    }

    @SuppressWarnings("NullAway") // counts and problem unknown are SQL NULL: JdbcClient's parameters are not annotated for it
    private void save(PendingStatus s) {
        jdbc.sql("MERGE INTO guest_update_status (guest, pending, security, checked_at, problem) KEY (guest) VALUES (?, ?, ?, ?, ?)")
                .params(s.guest(), s.pending(), s.security(), OffsetDateTime.ofInstant(s.checkedAt(), ZoneOffset.UTC),
                        s.problem())
                .update();
    }
}

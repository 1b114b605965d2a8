package org.vsconsole.monitoring;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import java.util.Objects;

/** Alert settings and firings ({@code alert_settings}, {@code alert_firing}). */
@Repository
class AlertStore {

    private final JdbcClient jdbc;

    AlertStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    AlertSettings settings() {
        return jdbc.sql("SELECT hits_enabled, rss_enabled, rss_percent, rss_minutes, stopped_enabled FROM alert_settings WHERE id = 1")
                .query((rs, n) -> new AlertSettings(rs.getBoolean(1), rs.getBoolean(2), rs.getInt(3), rs.getInt(4), rs.getBoolean(5)))
                .optional().orElse(AlertSettings.DEFAULTS);
    }

    void save(AlertSettings s) {
        jdbc.sql("MERGE INTO alert_settings (id, hits_enabled, rss_enabled, rss_percent, rss_minutes, stopped_enabled) "
                + "KEY (id) VALUES (1, :h, :r, :p, :m, :s)")
                .param("h", s.hitsEnabled()).param("r", s.rssEnabled()).param("p", s.rssPercent())
                .param("m", s.rssMinutes()).param("s", s.stoppedEnabled()).update();
    }

    AlertFiring insert(Instant at, String guest, String rule, String message) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        String text = message.length() > 500 ? message.substring(0, 500) : message;
        jdbc.sql("INSERT INTO alert_firing (fired_ms, guest, rule, message) VALUES (:t, :g, :r, :m)")
                .param("t", at.toEpochMilli()).param("g", guest).param("r", rule).param("m", text)
                .update(keys, "id");
        return new AlertFiring(Objects.requireNonNull(keys.getKey(), "the insert generates the id").longValue(), at, guest,
                rule, text);
    }

    List<AlertFiring> recent(int limit) {
        return jdbc.sql("SELECT id, fired_ms, guest, rule, message FROM alert_firing ORDER BY id DESC LIMIT :l")
                .param("l", limit)
                .query((rs, n) -> new AlertFiring(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5)))
                .list();
    }

    int pruneBefore(Instant t) {
        return jdbc.sql("DELETE FROM alert_firing WHERE fired_ms < :t").param("t", t.toEpochMilli()).update();
    }
}

package org.vsconsole.monitoring;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Roll-up tables of the monitoring feature ({@code metric_minute}, {@code metric_hour}). */
@Repository
class MetricsStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    MetricsStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** One batch for all guests of a minute; a re-sent minute replaces its rows. */
    @Transactional
    void insertMinutes(List<MetricPoint> points) {
        if (points.isEmpty()) {
            return;
        }
        template.batchUpdate("MERGE INTO metric_minute (guest, bucket_ms, samples, cpu_avg, cpu_max, rss_avg, rss_max, proc_max) "
                + "KEY (guest, bucket_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", points, points.size(), (ps, p) -> {
                    ps.setString(1, p.guest());
                    ps.setLong(2, p.start().toEpochMilli());
                    ps.setInt(3, p.samples());
                    ps.setDouble(4, p.cpuAvg());
                    ps.setDouble(5, p.cpuMax());
                    ps.setLong(6, p.rssAvg());
                    ps.setLong(7, p.rssMax());
                    ps.setInt(8, p.procMax());
                });
    }

    /** Rolls the minutes of the hour starting at {@code hourStart} into one hour row per guest. */
    void rollUpHour(Instant hourStart) {
        long from = hourStart.toEpochMilli();
        long to = from + 3_600_000L;
        jdbc.sql("MERGE INTO metric_hour (guest, bucket_ms, samples, cpu_avg, cpu_max, rss_avg, rss_max, proc_max) "
                + "KEY (guest, bucket_ms) "
                + "SELECT guest, :from, SUM(samples), SUM(cpu_avg * samples) / SUM(samples), MAX(cpu_max), "
                + "CAST(SUM(CAST(rss_avg AS DOUBLE PRECISION) * samples) / SUM(samples) AS BIGINT), MAX(rss_max), MAX(proc_max) "
                + "FROM metric_minute WHERE bucket_ms >= :from AND bucket_ms < :to AND samples > 0 GROUP BY guest")
                .param("from", from).param("to", to).update();
    }

    /** Deletes minutes before {@code minutesBefore} and hours before {@code hoursBefore}; returns rows deleted. */
    int prune(Instant minutesBefore, Instant hoursBefore) {
        int m = jdbc.sql("DELETE FROM metric_minute WHERE bucket_ms < :t").param("t", minutesBefore.toEpochMilli()).update();
        int h = jdbc.sql("DELETE FROM metric_hour WHERE bucket_ms < :t").param("t", hoursBefore.toEpochMilli()).update();
        return m + h;
    }

    List<MetricPoint> find(String guest, boolean hourly, Instant from, Instant to) {
        return jdbc.sql("SELECT guest, bucket_ms, samples, cpu_avg, cpu_max, rss_avg, rss_max, proc_max FROM "
                + (hourly ? "metric_hour" : "metric_minute")
                + " WHERE guest = :g AND bucket_ms >= :from AND bucket_ms < :to ORDER BY bucket_ms")
                .param("g", guest).param("from", from.toEpochMilli()).param("to", to.toEpochMilli())
                .query((rs, n) -> new MetricPoint(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getInt(3),
                        rs.getDouble(4), rs.getDouble(5), rs.getLong(6), rs.getLong(7), rs.getInt(8)))
                .list();
    }
}

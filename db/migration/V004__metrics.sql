-- Monitoring history and alerts. Times are epoch milliseconds (UTC) of the bucket start.
-- Per-minute roll-ups are kept 7 days, per-hour roll-ups 1 year (pruned by the console).
CREATE TABLE metric_minute (
    guest       VARCHAR(63) NOT NULL,
    bucket_ms   BIGINT      NOT NULL,
    samples     INTEGER     NOT NULL,
    cpu_avg     DOUBLE PRECISION NOT NULL,
    cpu_max     DOUBLE PRECISION NOT NULL,
    rss_avg     BIGINT      NOT NULL,
    rss_max     BIGINT      NOT NULL,
    proc_max    INTEGER     NOT NULL,
    PRIMARY KEY (guest, bucket_ms)
);
CREATE INDEX metric_minute_bucket ON metric_minute (bucket_ms);

CREATE TABLE metric_hour (
    guest       VARCHAR(63) NOT NULL,
    bucket_ms   BIGINT      NOT NULL,
    samples     INTEGER     NOT NULL,
    cpu_avg     DOUBLE PRECISION NOT NULL,
    cpu_max     DOUBLE PRECISION NOT NULL,
    rss_avg     BIGINT      NOT NULL,
    rss_max     BIGINT      NOT NULL,
    proc_max    INTEGER     NOT NULL,
    PRIMARY KEY (guest, bucket_ms)
);
CREATE INDEX metric_hour_bucket ON metric_hour (bucket_ms);

-- Alert thresholds (one row, edited by ADMIN).
CREATE TABLE alert_settings (
    id              INTEGER PRIMARY KEY,
    hits_enabled    BOOLEAN NOT NULL,
    rss_enabled     BOOLEAN NOT NULL,
    rss_percent     INTEGER NOT NULL,
    rss_minutes     INTEGER NOT NULL,
    stopped_enabled BOOLEAN NOT NULL,
    CONSTRAINT alert_settings_one CHECK (id = 1),
    CONSTRAINT alert_rss_percent CHECK (rss_percent BETWEEN 1 AND 100),
    CONSTRAINT alert_rss_minutes CHECK (rss_minutes BETWEEN 1 AND 1440)
);
INSERT INTO alert_settings VALUES (1, TRUE, TRUE, 90, 5, TRUE);

CREATE TABLE alert_firing (
    id        BIGINT AUTO_INCREMENT PRIMARY KEY,
    fired_ms  BIGINT       NOT NULL,
    guest     VARCHAR(63)  NOT NULL,
    rule      VARCHAR(20)  NOT NULL,
    message   VARCHAR(500) NOT NULL,
    CONSTRAINT alert_rule_known CHECK (rule IN ('limit-hits', 'rss-high', 'guest-stopped'))
);
CREATE INDEX alert_firing_time ON alert_firing (fired_ms);

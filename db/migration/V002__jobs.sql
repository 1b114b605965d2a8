-- Long-running work (guest builds, bulk actions, package updates): one row per job, its items
-- (e.g. one per guest of a bulk action) and its log, so nothing is lost when the console dies.
CREATE TABLE job (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    kind        VARCHAR(40)  NOT NULL,
    title       VARCHAR(200) NOT NULL,
    target      VARCHAR(63),
    actor       VARCHAR(64)  NOT NULL,
    state       VARCHAR(12)  NOT NULL,
    progress    INTEGER      NOT NULL DEFAULT 0,
    message     VARCHAR(1000),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE,
    finished_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT job_state_known CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted'))
);
CREATE INDEX job_created ON job (created_at);

CREATE TABLE job_item (
    job_id  BIGINT      NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    item    VARCHAR(63) NOT NULL,
    state   VARCHAR(12) NOT NULL,
    message VARCHAR(1000),
    PRIMARY KEY (job_id, item)
);

CREATE TABLE job_log (
    job_id  BIGINT        NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    line_no INTEGER       NOT NULL,
    logged_at TIMESTAMP WITH TIME ZONE NOT NULL,
    text    VARCHAR(2000) NOT NULL,
    PRIMARY KEY (job_id, line_no)
);

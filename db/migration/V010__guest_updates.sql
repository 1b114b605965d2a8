-- Pending package updates per guest, as the last check inside the guest found them (apt-get -s
-- dist-upgrade after apt-get update). Keyed by guest name: a guest deleted and made again starts
-- with no row until its first check.
CREATE TABLE guest_update_status (
    guest       VARCHAR(63) PRIMARY KEY,
    pending     INTEGER,
    security    INTEGER,
    checked_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    problem     VARCHAR(500)
);

-- The plan of each update job, so "retry the failed ones" works after a console restart too.
CREATE TABLE update_job (
    job_id  BIGINT PRIMARY KEY REFERENCES job (id) ON DELETE CASCADE,
    plan    VARCHAR(20000) NOT NULL
);

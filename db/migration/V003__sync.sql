-- Guest registry kept by the sync feature: what the console last wrote or accepted for each guest
-- directory under the config root, so a hand edit, a hand-made guest or a removed guest is seen.
-- The tree stays the truth: this table can be rebuilt from it (registry.rebuilt).
CREATE TABLE sync_guest (
    name            VARCHAR(63)  PRIMARY KEY,
    state           VARCHAR(12)  NOT NULL,
    accepted_digest CHAR(64),
    current_digest  CHAR(64),
    drift           BOOLEAN      NOT NULL DEFAULT FALSE,
    changed_files   VARCHAR(4000),
    drift_since     TIMESTAMP WITH TIME ZONE,
    first_seen      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT sync_guest_state_known CHECK (state IN ('managed', 'unmanaged', 'removed'))
);

-- The accepted baseline of each guest: every entry's fingerprint (as in the config digest) and,
-- for small regular files, their bytes, so a drift can be shown as a diff and restored.
CREATE TABLE sync_guest_file (
    guest       VARCHAR(63)   NOT NULL REFERENCES sync_guest (name) ON DELETE CASCADE,
    path        VARCHAR(1000) NOT NULL,
    fingerprint VARCHAR(1200) NOT NULL,
    content     VARBINARY(16384),
    PRIMARY KEY (guest, path)
);

-- Intent journal: every state-changing console action is written here (and committed) before it
-- touches the tree or the driver, and closed with its outcome after. An open row found at start-up
-- is an action the console died in; it is checked against the tree and the kernel (intent.recovered).
CREATE TABLE intent (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    correlation_id VARCHAR(36)  NOT NULL,
    actor          VARCHAR(64)  NOT NULL,
    action         VARCHAR(64)  NOT NULL,
    target_guest   VARCHAR(63),
    target_xid     INTEGER,
    before_digest  CHAR(64),
    before_json    CLOB,
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at    TIMESTAMP WITH TIME ZONE,
    outcome        VARCHAR(40)
);
CREATE INDEX intent_open ON intent (finished_at);
CREATE INDEX intent_guest ON intent (target_guest);

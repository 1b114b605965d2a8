-- One row per browser terminal opened inside a guest. The recording itself is an asciicast v2
-- file under <data-dir>/recordings; its SHA-256 is also in the chained audit row that closed it.
CREATE TABLE terminal_session (
    id             VARCHAR(36)  PRIMARY KEY,
    guest          VARCHAR(63)  NOT NULL,
    xid            INTEGER,
    actor          VARCHAR(64)  NOT NULL,
    opened_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at      TIMESTAMP WITH TIME ZONE,
    close_reason   VARCHAR(64),
    recording      VARCHAR(200) NOT NULL,
    sha256         CHAR(64),
    bytes          BIGINT,
    input_recorded BOOLEAN      NOT NULL,
    expired        BOOLEAN      NOT NULL DEFAULT FALSE
);

CREATE INDEX terminal_session_opened ON terminal_session (opened_at);

-- Audit events held in the spill file while the disk was full carry an id; the id of each one
-- written to audit_event is kept here, in the same transaction as its row, so replaying a spill
-- file again (a crash between writing the rows and deleting the file) skips what is already in.
CREATE TABLE audit_held_written (
    held_id VARCHAR(36) PRIMARY KEY,
    seq     BIGINT      NOT NULL
);

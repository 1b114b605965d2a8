-- The files each intent is about to write or remove, recorded (and committed) before the first
-- one is touched: after a crash part-way, recovery compares each file with its before and after
-- fingerprint (as ConfigManifest writes them: f:<size>:<sha256>, d, l:<target>; NULL = absent) and
-- reports applied, not applied or partly applied naming the files, and puts a half-written change
-- back from before_content (kept for small regular files only).
CREATE TABLE intent_file (
    intent_id      BIGINT        NOT NULL,
    seq            INTEGER       NOT NULL,
    path           VARCHAR(4096) NOT NULL,
    before_print   VARCHAR(5000),
    after_print    VARCHAR(5000),
    before_content VARBINARY(65536),
    PRIMARY KEY (intent_id, seq),
    CONSTRAINT intent_file_intent FOREIGN KEY (intent_id) REFERENCES intent (id) ON DELETE CASCADE
);

-- Sign-in throttling replaces the hard account lock: one row per throttled key (a client address,
-- an account from one address, an account from anywhere) with its failure count and the moment
-- the next attempt is accepted, instead of one row per failure. Rows older than the retention
-- are deleted, and the table is capped, so a flood of made-up names cannot grow it without bound.
DROP TABLE login_failure;

CREATE TABLE login_throttle (
    throttle_key VARCHAR(200) PRIMARY KEY,
    failures     INTEGER      NOT NULL,
    last_failure TIMESTAMP WITH TIME ZONE NOT NULL,
    not_before   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX login_throttle_last ON login_throttle (last_failure);

-- Addresses an account has signed in from: attempts from there skip the account-wide throttle, so
-- strangers failing against the admin's name cannot keep the admin out.
CREATE TABLE login_known_address (
    username     VARCHAR(64) NOT NULL,
    client_addr  VARCHAR(64) NOT NULL,
    last_success TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (username, client_addr)
);

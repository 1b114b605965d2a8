-- API tokens for scripts: the secret is shown once and only its SHA-256 is kept. A long random
-- secret needs no slow hash (nothing to guess from a leaked hash), so checking one costs
-- microseconds instead of the ~80 ms of bcrypt that HTTP Basic paid on every call.
CREATE TABLE api_token (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    user_id      BIGINT      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    name         VARCHAR(64) NOT NULL,
    token_hash   CHAR(64)    NOT NULL UNIQUE,
    read_only    BOOLEAN     NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT api_token_name_per_user UNIQUE (user_id, name)
);

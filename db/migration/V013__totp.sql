-- Optional TOTP second factor (RFC 6238). The secret is kept as base32 (the database file is
-- 0600 like the rest of the data directory); totp_last_step is the newest 30-second step whose
-- code was accepted for the account, so a code cannot be used twice (replay).
ALTER TABLE app_user ADD COLUMN totp_secret VARCHAR(64);
ALTER TABLE app_user ADD COLUMN totp_last_step BIGINT;
ALTER TABLE app_user ADD COLUMN totp_enrolled_at TIMESTAMP WITH TIME ZONE;

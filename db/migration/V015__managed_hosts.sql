-- Hosts the console manages besides its own, reached over SSH. The host key's SHA256 fingerprint
-- was confirmed by an admin when the host was added and is pinned: any other key is refused.
CREATE TABLE managed_host (
    name VARCHAR(32) PRIMARY KEY,
    address VARCHAR(253) NOT NULL,
    port INT NOT NULL,
    ssh_user VARCHAR(32) NOT NULL,
    host_key_fingerprint VARCHAR(64) NOT NULL,
    added_by VARCHAR(64) NOT NULL,
    added_at TIMESTAMP WITH TIME ZONE NOT NULL
);

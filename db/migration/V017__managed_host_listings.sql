-- What each managed host listed at its last look, so a guest made or removed there by hand while
-- the console was not running is still noticed (and logged) at the first look after it starts.
-- A host without a listing row has never been looked at: its first look is the baseline.
CREATE TABLE managed_host_listing (
    host_name VARCHAR(32) PRIMARY KEY,
    listed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE managed_host_guest (
    host_name  VARCHAR(32) NOT NULL,
    guest_name VARCHAR(64) NOT NULL,
    PRIMARY KEY (host_name, guest_name)
);

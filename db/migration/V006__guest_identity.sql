-- Owners are tied to one guest, not to a name: a guest deleted and made again under the same name
-- is another guest, and its predecessor's owners must not control it. Each guest (as the console
-- first sees it under a name) gets an identity; deleting it, by the console or by hand, retires
-- that identity, and ownership links point at identities.
CREATE TABLE guest_identity (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    name       VARCHAR(63) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX guest_identity_name ON guest_identity (name, retired_at);

INSERT INTO guest_identity (name, created_at)
    SELECT DISTINCT guest_name, CURRENT_TIMESTAMP FROM app_user_guest;

CREATE TABLE app_user_guest_owner (
    user_id  BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    guest_id BIGINT NOT NULL REFERENCES guest_identity (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, guest_id)
);

INSERT INTO app_user_guest_owner (user_id, guest_id)
    SELECT g.user_id, i.id FROM app_user_guest g JOIN guest_identity i ON i.name = g.guest_name;

DROP TABLE app_user_guest;

-- Users, roles and the scope of guest owners.
CREATE TABLE app_user (
    id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
    username             VARCHAR(32)  NOT NULL UNIQUE,
    password_hash        VARCHAR(200) NOT NULL,
    enabled              BOOLEAN      NOT NULL DEFAULT TRUE,
    must_change_password BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    password_changed_at  TIMESTAMP WITH TIME ZONE
);

CREATE TABLE app_user_role (
    user_id BIGINT      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role    VARCHAR(16) NOT NULL,
    PRIMARY KEY (user_id, role),
    CONSTRAINT role_known CHECK (role IN ('ADMIN', 'OPERATOR', 'AUDITOR', 'OWNER'))
);

CREATE TABLE app_user_guest (
    user_id    BIGINT      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    guest_name VARCHAR(63) NOT NULL,
    PRIMARY KEY (user_id, guest_name)
);

-- Failed sign-ins, kept to refuse an account after repeated failures.
CREATE TABLE login_failure (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    username    VARCHAR(64) NOT NULL,
    failed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    client_addr VARCHAR(64)
);
CREATE INDEX login_failure_user_time ON login_failure (username, failed_at);

-- The append-only audit log. seq is gap-free and assigned by the application; each row's hash
-- covers its content and the previous row's hash.
CREATE TABLE audit_event (
    seq            BIGINT PRIMARY KEY,
    event_time     TIMESTAMP WITH TIME ZONE NOT NULL,
    actor          VARCHAR(64)  NOT NULL,
    actor_roles    VARCHAR(100) NOT NULL,
    client_addr    VARCHAR(64),
    action         VARCHAR(64)  NOT NULL,
    target_guest   VARCHAR(63),
    target_xid     INTEGER,
    target_detail  VARCHAR(200),
    before_json    CLOB,
    after_json     CLOB,
    outcome        VARCHAR(8)   NOT NULL,
    message        VARCHAR(1000),
    duration_ms    BIGINT       NOT NULL,
    correlation_id VARCHAR(36)  NOT NULL,
    prev_hash      CHAR(64)     NOT NULL,
    hash           CHAR(64)     NOT NULL,
    CONSTRAINT outcome_known CHECK (outcome IN ('ok', 'denied', 'failed'))
);
CREATE INDEX audit_event_time ON audit_event (event_time);
CREATE INDEX audit_event_actor ON audit_event (actor);
CREATE INDEX audit_event_guest ON audit_event (target_guest);

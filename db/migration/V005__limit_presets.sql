-- Named limit sets an admin defines once and applies to guests (or the creation wizard uses).
-- Values are in each limit's own unit (pages for memory limits: 4 KiB pages on x86); -1 = unlimited.
CREATE TABLE limit_preset (
    name        VARCHAR(32)  PRIMARY KEY,
    description VARCHAR(200) NOT NULL DEFAULT '',
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE limit_preset_value (
    preset_name VARCHAR(32) NOT NULL REFERENCES limit_preset (name) ON DELETE CASCADE,
    limit_name  VARCHAR(16) NOT NULL,
    soft_value  BIGINT      NOT NULL,
    hard_value  BIGINT      NOT NULL,
    PRIMARY KEY (preset_name, limit_name),
    CONSTRAINT preset_soft_range CHECK (soft_value >= -1),
    CONSTRAINT preset_hard_range CHECK (hard_value >= -1)
);

INSERT INTO limit_preset (name, description, updated_at) VALUES
    ('small',  'Small guest: 150 processes, 512 MiB resident memory', CURRENT_TIMESTAMP),
    ('medium', 'Medium guest: 400 processes, 1.5 GiB resident memory', CURRENT_TIMESTAMP),
    ('large',  'Large guest: 1500 processes, 6 GiB resident memory', CURRENT_TIMESTAMP);

INSERT INTO limit_preset_value (preset_name, limit_name, soft_value, hard_value) VALUES
    ('small',  'nproc',  100,     150),
    ('small',  'nofile', 1024,    2048),
    ('small',  'locks',  256,     512),
    ('small',  'rss',    65536,   131072),
    ('medium', 'nproc',  300,     400),
    ('medium', 'nofile', 4096,    8192),
    ('medium', 'locks',  1024,    2048),
    ('medium', 'rss',    262144,  393216),
    ('large',  'nproc',  1000,    1500),
    ('large',  'nofile', 16384,   32768),
    ('large',  'locks',  4096,    8192),
    ('large',  'rss',    1048576, 1572864);

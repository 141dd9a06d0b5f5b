-- SIP registrations the host's registrar reported, shared by every node on this database.
-- One row per (extension, contact); binding_key is the SHA-256 hex of both, so a long Contact
-- never has to be indexed. A row stays after expiry or unregister (expires_at in the past) as
-- the "last registered" record, and is purged some days later.
CREATE TABLE endpoint_registrations (
    binding_key   CHAR(64)      NOT NULL PRIMARY KEY,
    extension     VARCHAR(64)   NOT NULL,
    contact       VARCHAR(1024) NOT NULL,
    source_ip     VARCHAR(64)   NOT NULL,
    source_port   INTEGER       NOT NULL,
    transport     VARCHAR(8)    NOT NULL,
    user_agent    VARCHAR(512),
    device_type   VARCHAR(16)   NOT NULL,
    manufacturer  VARCHAR(64),
    model         VARCHAR(64),
    mac           CHAR(12),
    registered_at BIGINT        NOT NULL,
    expires_at    BIGINT        NOT NULL
);

CREATE INDEX endpoint_registrations_expires_idx ON endpoint_registrations (expires_at);

-- Star-code binding looks up which phones fetched from the caller's address recently.
CREATE INDEX endpoint_fetches_source_at_idx ON endpoint_fetches (source_ip, at);

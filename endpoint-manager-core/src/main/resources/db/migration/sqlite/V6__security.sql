-- Per-device provisioning access: the path token phones keep in their base URL, and optional HTTP
-- credentials. The current token is sealed (the phone's own config must carry it, so rendering
-- needs it); lookups and comparisons use its SHA-256. The previous token is kept only as a hash,
-- accepted until the phone has fetched once with the current one. Rows go with their device.
CREATE TABLE endpoint_device_access (
    device_id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    token_hash          CHAR(64),
    token_enc           TEXT,
    previous_token_hash CHAR(64),
    http_username       VARCHAR(128),
    http_password_enc   TEXT,
    updated_at          BIGINT       NOT NULL,
    CONSTRAINT endpoint_device_access_user_uq UNIQUE (http_username),
    CONSTRAINT endpoint_device_access_device_fk FOREIGN KEY (device_id)
        REFERENCES endpoint_devices (id) ON DELETE CASCADE
);

CREATE INDEX endpoint_device_access_token_idx ON endpoint_device_access (token_hash);
CREATE INDEX endpoint_device_access_prev_idx ON endpoint_device_access (previous_token_hash);

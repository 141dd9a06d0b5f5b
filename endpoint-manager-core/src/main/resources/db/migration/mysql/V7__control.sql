-- Phone control over the vendors' own HTTP APIs (MySQL/MariaDB). Keep equivalent to the sqlite and postgresql folders.

-- Per-phone admin login for the device driver. The password is sealed by SecretBox (never clear
-- text); refused holds why the phone last refused these credentials, so the engine stops logging
-- in with them (no lock-out by repeated attempts) until they are set again.
CREATE TABLE endpoint_phone_credentials (
    device_id    VARCHAR(36)  NOT NULL PRIMARY KEY,
    username     VARCHAR(128) NOT NULL,
    password_enc MEDIUMTEXT        NOT NULL,
    http_port    INTEGER      NOT NULL,
    refused      VARCHAR(500),
    updated_at   BIGINT       NOT NULL,
    CONSTRAINT endpoint_phone_credentials_device_fk FOREIGN KEY (device_id)
        REFERENCES endpoint_devices (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The last status poll of each phone: the values of the last good poll, and the last error.
CREATE TABLE endpoint_phone_status (
    device_id      VARCHAR(36)  NOT NULL PRIMARY KEY,
    polled_at      BIGINT,
    model          VARCHAR(64),
    firmware       VARCHAR(64),
    reported_mac   CHAR(12),
    ip_address     VARCHAR(64),
    registered     INTEGER,
    uptime_seconds BIGINT,
    last_error     VARCHAR(500),
    last_error_at  BIGINT,
    CONSTRAINT endpoint_phone_status_device_fk FOREIGN KEY (device_id)
        REFERENCES endpoint_devices (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Firmware pushes (seed 000's FirmwarePage). No foreign key: history outlives the device.
CREATE TABLE endpoint_firmware_pushes (
    id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    mac            CHAR(12)     NOT NULL,
    firmware_url   VARCHAR(1000) NOT NULL,
    target_version VARCHAR(64),
    job_id         VARCHAR(36),
    actor          VARCHAR(200) NOT NULL,
    status         VARCHAR(32)  NOT NULL,
    detail         VARCHAR(1000) NOT NULL,
    created_at     BIGINT       NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX endpoint_firmware_pushes_mac_idx ON endpoint_firmware_pushes (mac, created_at);

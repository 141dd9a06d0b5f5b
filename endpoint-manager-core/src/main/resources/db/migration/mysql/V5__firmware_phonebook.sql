-- Firmware repository metadata (the blobs live in <data dir>/firmware/<stored_name>) and external
-- phonebook sources with the last good copy of their entries. Keep equivalent across the three folders.

CREATE TABLE endpoint_firmware (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    vendor       VARCHAR(64)  NOT NULL,
    model        VARCHAR(64)  NOT NULL,
    version      VARCHAR(64)  NOT NULL,
    hw_revision  VARCHAR(64)  NOT NULL,
    notes        MEDIUMTEXT   NOT NULL,
    file_name    VARCHAR(128) NOT NULL,
    stored_name  VARCHAR(64)  NOT NULL,
    size_bytes   BIGINT       NOT NULL,
    sha256       CHAR(64)     NOT NULL,
    created_at   BIGINT       NOT NULL,
    updated_at   BIGINT       NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX endpoint_firmware_vendor_idx ON endpoint_firmware (vendor, model);

CREATE TABLE endpoint_phonebook_sources (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,
    name             VARCHAR(64)  NOT NULL,
    url              VARCHAR(2048) NOT NULL,
    format           VARCHAR(16)  NOT NULL,
    enabled          SMALLINT     NOT NULL,
    refresh_minutes  INTEGER      NOT NULL,
    last_entries     MEDIUMTEXT,
    last_success_at  BIGINT,
    last_attempt_at  BIGINT,
    last_error       VARCHAR(500),
    created_at       BIGINT       NOT NULL,
    updated_at       BIGINT       NOT NULL,
    CONSTRAINT endpoint_phonebook_sources_name_uq UNIQUE (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

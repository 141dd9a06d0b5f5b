-- Endpoint Manager schema, version 1 (MySQL/MariaDB). Keep equivalent to the sqlite and postgresql folders.
-- utf8mb4_bin: names compare exactly, as on PostgreSQL and SQLite.
-- Ids are UUID strings made in Java; times are epoch milliseconds.

CREATE TABLE endpoint_sites (
    id                  VARCHAR(36)  NOT NULL PRIMARY KEY,
    name                VARCHAR(200) NOT NULL,
    subnets             TEXT         NOT NULL,
    default_template_id VARCHAR(36),
    created_at          BIGINT       NOT NULL,
    updated_at          BIGINT       NOT NULL,
    CONSTRAINT endpoint_sites_name_uq UNIQUE (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT INTO endpoint_sites (id, name, subnets, default_template_id, created_at, updated_at)
VALUES ('default', 'Default', '[]', NULL, 0, 0);

CREATE TABLE endpoint_templates (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    name            VARCHAR(200) NOT NULL,
    vendor          VARCHAR(64),
    site_id         VARCHAR(36),
    settings_json   MEDIUMTEXT   NOT NULL,
    raw_parameters  MEDIUMTEXT   NOT NULL,
    custom_template MEDIUMTEXT,
    created_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL,
    CONSTRAINT endpoint_templates_name_uq UNIQUE (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE endpoint_devices (
    id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    mac            CHAR(12)     NOT NULL,
    vendor         VARCHAR(64)  NOT NULL,
    model          VARCHAR(64)  NOT NULL,
    label          VARCHAR(200) NOT NULL,
    site_id        VARCHAR(36)  NOT NULL,
    template_id    VARCHAR(36),
    ip_address     VARCHAR(64),
    settings_json  MEDIUMTEXT   NOT NULL,
    raw_parameters MEDIUMTEXT   NOT NULL,
    created_at     BIGINT       NOT NULL,
    updated_at     BIGINT       NOT NULL,
    CONSTRAINT endpoint_devices_mac_uq UNIQUE (mac),
    CONSTRAINT endpoint_devices_site_fk FOREIGN KEY (site_id) REFERENCES endpoint_sites (id),
    CONSTRAINT endpoint_devices_template_fk FOREIGN KEY (template_id) REFERENCES endpoint_templates (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX endpoint_devices_site_idx ON endpoint_devices (site_id);
CREATE INDEX endpoint_devices_template_idx ON endpoint_devices (template_id);

CREATE TABLE endpoint_device_lines (
    device_id    VARCHAR(36)  NOT NULL,
    line_index   INTEGER      NOT NULL,
    extension    VARCHAR(64),
    username     VARCHAR(128),
    password_enc TEXT,
    server       VARCHAR(255),
    port         INTEGER,
    label        VARCHAR(200),
    display_name VARCHAR(200),
    PRIMARY KEY (device_id, line_index),
    CONSTRAINT endpoint_device_lines_device_fk FOREIGN KEY (device_id)
        REFERENCES endpoint_devices (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE endpoint_settings (
    setting_key   VARCHAR(128) NOT NULL PRIMARY KEY,
    setting_value TEXT         NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- No foreign keys: audit rows outlive what they describe.
CREATE TABLE endpoint_audit (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    at          BIGINT       NOT NULL,
    actor       VARCHAR(200) NOT NULL,
    action      VARCHAR(100) NOT NULL,
    target      VARCHAR(255) NOT NULL,
    detail_json MEDIUMTEXT   NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX endpoint_audit_at_idx ON endpoint_audit (at);

-- No foreign key: fetch records outlive the device.
CREATE TABLE endpoint_fetches (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    mac          CHAR(12)     NOT NULL,
    at           BIGINT       NOT NULL,
    source_ip    VARCHAR(64)  NOT NULL,
    user_agent   VARCHAR(512),
    file_name    VARCHAR(255) NOT NULL,
    content_hash VARCHAR(64)  NOT NULL,
    firmware     VARCHAR(128),
    transport    VARCHAR(16)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX endpoint_fetches_mac_at_idx ON endpoint_fetches (mac, at);

CREATE TABLE endpoint_jobs (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    kind        VARCHAR(64)  NOT NULL,
    status      VARCHAR(32)  NOT NULL,
    created_by  VARCHAR(200) NOT NULL,
    created_at  BIGINT       NOT NULL,
    finished_at BIGINT,
    total       INTEGER      NOT NULL,
    succeeded   INTEGER      NOT NULL,
    failed      INTEGER      NOT NULL,
    params_json MEDIUMTEXT   NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX endpoint_jobs_created_idx ON endpoint_jobs (created_at);

CREATE TABLE endpoint_job_items (
    job_id     VARCHAR(36)  NOT NULL,
    seq        INTEGER      NOT NULL,
    target     VARCHAR(255) NOT NULL,
    status     VARCHAR(32)  NOT NULL,
    detail     TEXT         NOT NULL,
    updated_at BIGINT       NOT NULL,
    PRIMARY KEY (job_id, seq),
    CONSTRAINT endpoint_job_items_job_fk FOREIGN KEY (job_id)
        REFERENCES endpoint_jobs (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

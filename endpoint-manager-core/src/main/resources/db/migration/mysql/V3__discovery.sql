-- Phones seen but not yet adopted (Discovery): from PnP SUBSCRIBEs, provisioning misses and
-- registrations. One row per MAC; the service caps rows per source address and in total.
CREATE TABLE endpoint_discovery (
    mac        CHAR(12)     NOT NULL PRIMARY KEY,
    vendor     VARCHAR(32)  NOT NULL,
    model      VARCHAR(48),
    firmware   VARCHAR(64),
    ip         VARCHAR(64)  NOT NULL,
    source     VARCHAR(16)  NOT NULL,
    first_seen BIGINT       NOT NULL,
    last_seen  BIGINT       NOT NULL,
    seen_count BIGINT       NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX endpoint_discovery_last_seen_idx ON endpoint_discovery (last_seen);

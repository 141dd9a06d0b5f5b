-- Several nodes on one database (mysql). Keep equivalent to the other two folders.

-- What changed, for the other nodes: each node polls rows newer than the last it saw and drops
-- its cached copies (devices, sites, templates, settings, lock-outs). Rows older than an hour are
-- deleted by whichever node polls.
CREATE TABLE endpoint_changes (
    seq          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    entity       VARCHAR(32)  NOT NULL,
    entity_key   VARCHAR(128) NOT NULL,
    node         VARCHAR(64)  NOT NULL,
    at           BIGINT       NOT NULL
);

CREATE INDEX endpoint_changes_at_idx ON endpoint_changes (at);

-- One row per lease (a job, a singleton such as the PnP responder): only the holder acts, until
-- expires_at; a holder renews well before then, another node takes an expired lease over.
CREATE TABLE endpoint_leases (
    name         VARCHAR(128) NOT NULL PRIMARY KEY,
    holder       VARCHAR(64)  NOT NULL,
    expires_at   BIGINT       NOT NULL
);

-- Facts all nodes must agree on, written by the first node to start (the secret key id).
CREATE TABLE endpoint_cluster (
    name          VARCHAR(64)  NOT NULL PRIMARY KEY,
    cluster_value VARCHAR(512) NOT NULL
);

-- Lock-out counters shared by the nodes (per throttle label and source address or /64).
CREATE TABLE endpoint_lockouts (
    label        VARCHAR(32)  NOT NULL,
    source       VARCHAR(64)  NOT NULL,
    window_start BIGINT       NOT NULL,
    misses       INTEGER      NOT NULL,
    locked_until BIGINT       NOT NULL,
    PRIMARY KEY (label, source)
);

-- Digest nonces in use: the highest nc accepted, so a replay on another node is refused too.
CREATE TABLE endpoint_digest_nonces (
    nonce        VARCHAR(64)  NOT NULL PRIMARY KEY,
    last_nc      BIGINT       NOT NULL,
    at           BIGINT       NOT NULL
);

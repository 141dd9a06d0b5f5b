-- The last served copy of each file per phone, with its secrets masked, so the console can show
-- what a phone really fetched and diff it against what it would get now. Never holds a secret.
CREATE TABLE endpoint_fetched_copies (
    mac          CHAR(12)     NOT NULL,
    file_name    VARCHAR(255) NOT NULL,
    content_hash VARCHAR(64)  NOT NULL,
    masked_body  TEXT         NOT NULL,
    at           BIGINT       NOT NULL,
    PRIMARY KEY (mac, file_name)
);

-- Console page sessions shared by all nodes (sqlite). Keep equivalent to the other two folders.

-- One row per logged-in console session, so any node behind a load balancer can serve it. Only the
-- SHA-256 (hex) of the cookie value is stored: a copy of this table logs nobody in. The CSRF token
-- is derived from the cookie value on each node, so it is not stored either. A session ends after
-- its idle limit since last_seen (written at most once a minute per node) or its absolute limit
-- since created_at; expired rows are deleted by the nodes from time to time.
CREATE TABLE endpoint_console_sessions (
    token_hash     VARCHAR(64)  NOT NULL PRIMARY KEY,
    principal_name VARCHAR(200) NOT NULL,
    role           VARCHAR(32)  NOT NULL,
    created_at     BIGINT       NOT NULL,
    last_seen      BIGINT       NOT NULL
);

CREATE INDEX endpoint_console_sessions_seen_idx ON endpoint_console_sessions (last_seen);
CREATE INDEX endpoint_console_sessions_created_idx ON endpoint_console_sessions (created_at);

-- Seed 002's URI mappings: a file name below /provision/ that an admin maps to a template. The
-- template may not be deleted while a mapping uses it. Keep equivalent across the three folders.

CREATE TABLE endpoint_uri_mappings (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    path        VARCHAR(128) NOT NULL,
    template_id VARCHAR(36)  NOT NULL,
    vendor      VARCHAR(64),
    notes       VARCHAR(500) NOT NULL,
    created_at  BIGINT       NOT NULL,
    updated_at  BIGINT       NOT NULL,
    CONSTRAINT endpoint_uri_mappings_path_uq UNIQUE (path),
    CONSTRAINT endpoint_uri_mappings_template_fk FOREIGN KEY (template_id) REFERENCES endpoint_templates (id)
);

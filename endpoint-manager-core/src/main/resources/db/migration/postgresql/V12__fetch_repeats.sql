-- A phone asking again for the same file and getting the same bytes from the same address within a
-- minute repeats its previous fetch: the row counts the repeats and keeps the last time, so the
-- (mac, at) index gets one entry per run instead of one per request. `at` stays the first fetch.
ALTER TABLE endpoint_fetches ADD COLUMN repeats INTEGER NOT NULL DEFAULT 1;
ALTER TABLE endpoint_fetches ADD COLUMN last_at BIGINT;
-- Counting a repeat updates the row: room left on each new page lets PostgreSQL keep the new version
-- on the same page without touching the indexes (a HOT update; no indexed column changes).
ALTER TABLE endpoint_fetches SET (fillfactor = 70);

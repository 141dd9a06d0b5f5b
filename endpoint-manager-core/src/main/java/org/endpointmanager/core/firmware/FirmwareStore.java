package org.endpointmanager.core.firmware;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.endpointmanager.core.store.ChangeLog;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

/**
 * Firmware metadata in {@code endpoint_firmware}; the blobs are the repository's business.
 *
 * <p>Every provisioning request that puts a firmware URL into a profile reads one vendor's rows,
 * so with a {@link ChangeLog} those lists are cached per vendor. Any write through this store
 * drops them all (a row may change vendor, and there are a handful of vendors) and tells the
 * other nodes, which drop theirs within one poll of the change log.
 */
public final class FirmwareStore {

    private static final int MAX_VENDORS = 256;

    private static final String COLUMNS = "id, vendor, model, version, hw_revision, notes, file_name, stored_name, "
            + "size_bytes, sha256, created_at, updated_at";

    private final Jdbi jdbi;
    private final Optional<ChangeLog> changes;
    private final ConcurrentHashMap<String, List<FirmwareRecord>> byVendor = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    /** Creates the store over a migrated database, without a cache. */
    public FirmwareStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi is null");
        this.changes = Optional.empty();
    }

    /** Creates the store with each vendor's rows cached, kept in step with other nodes through the change log. */
    public FirmwareStore(Jdbi jdbi, ChangeLog changes) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi is null");
        this.changes = Optional.of(changes);
        changes.addListener(c -> {
            if (c.entity() == ChangeLog.Entity.FIRMWARE) {
                invalidate();
            }
        });
    }

    private void invalidate() {
        generation.incrementAndGet();
        byVendor.clear();
    }

    /** Drops the cached lists after a write and tells the other nodes. */
    private void written() {
        invalidate();
        changes.ifPresent(c -> c.append(ChangeLog.Entity.FIRMWARE, "*"));
    }

    /** Every row, by vendor, model, version. */
    public List<FirmwareRecord> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
                + " FROM endpoint_firmware ORDER BY vendor, model, hw_revision, version, id").map(FirmwareStore::map).list());
    }

    /** The rows of one vendor. */
    public List<FirmwareRecord> byVendor(String vendor) {
        if (changes.isEmpty()) {
            return queryVendor(vendor);
        }
        List<FirmwareRecord> cached = byVendor.get(vendor);
        if (cached != null) {
            return cached;
        }
        long g = generation.get();
        List<FirmwareRecord> loaded = List.copyOf(queryVendor(vendor));
        if (generation.get() == g) { // a list read while a write happened is not kept
            if (byVendor.size() >= MAX_VENDORS) {
                byVendor.clear();
            }
            byVendor.put(vendor, loaded);
            if (generation.get() != g) {
                byVendor.remove(vendor);
            }
        }
        return loaded;
    }

    private List<FirmwareRecord> queryVendor(String vendor) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM endpoint_firmware WHERE vendor = :vendor ORDER BY updated_at DESC, id")
                .bind("vendor", vendor).map(FirmwareStore::map).list());
    }

    /** One row. */
    public Optional<FirmwareRecord> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM endpoint_firmware WHERE id = :id")
                .bind("id", id).map(FirmwareStore::map).findOne());
    }

    /** Sum of all sizes, optionally leaving one row out (the one being replaced). */
    public long totalBytes(Optional<String> except) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT COALESCE(SUM(size_bytes), 0) FROM endpoint_firmware WHERE id <> :except")
                .bind("except", except.orElse("")).mapTo(Long.class).one());
    }

    /** Inserts a row. */
    public void insert(FirmwareRecord r) {
        jdbi.useHandle(h -> bind(h.createUpdate("INSERT INTO endpoint_firmware (" + COLUMNS + ") VALUES (:id, :vendor, "
                + ":model, :version, :hw, :notes, :fileName, :storedName, :size, :sha, :createdAt, :updatedAt)"), r)
                .execute());
        written();
    }

    /** Replaces a row; false when it is gone. */
    public boolean update(FirmwareRecord r) {
        try {
            return doUpdate(r);
        } finally {
            written();
        }
    }

    private boolean doUpdate(FirmwareRecord r) {
        return jdbi.withHandle(h -> bind(h.createUpdate("UPDATE endpoint_firmware SET vendor = :vendor, model = :model, "
                + "version = :version, hw_revision = :hw, notes = :notes, file_name = :fileName, stored_name = :storedName, "
                + "size_bytes = :size, sha256 = :sha, created_at = :createdAt, updated_at = :updatedAt WHERE id = :id"), r)
                .execute()) == 1;
    }

    /** Deletes a row; false when it was not there. */
    public boolean delete(String id) {
        try {
            return jdbi.withHandle(h -> h.createUpdate("DELETE FROM endpoint_firmware WHERE id = :id").bind("id", id)
                    .execute()) == 1;
        } finally {
            written();
        }
    }

    private static Update bind(Update u, FirmwareRecord r) {
        return u.bind("id", r.id())
                .bind("vendor", r.vendor())
                .bind("model", r.model().orElse(""))
                .bind("version", r.version())
                .bind("hw", r.hwRevision().orElse(""))
                .bind("notes", r.notes())
                .bind("fileName", r.fileName())
                .bind("storedName", r.storedName())
                .bind("size", r.size())
                .bind("sha", r.sha256())
                .bind("createdAt", r.createdAt().toEpochMilli())
                .bind("updatedAt", r.updatedAt().toEpochMilli());
    }

    private static FirmwareRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new FirmwareRecord(rs.getString("id"), rs.getString("vendor"), Optional.ofNullable(rs.getString("model")),
                rs.getString("version"), Optional.ofNullable(rs.getString("hw_revision")), rs.getString("notes"),
                rs.getString("file_name"), rs.getString("stored_name"), rs.getLong("size_bytes"), rs.getString("sha256"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}

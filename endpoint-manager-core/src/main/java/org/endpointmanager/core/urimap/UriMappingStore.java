package org.endpointmanager.core.urimap;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementContext;
import org.endpointmanager.core.store.StoreException;

/** URI mappings in {@code endpoint_uri_mappings}. */
public final class UriMappingStore {

    private static final String COLUMNS = "id, path, template_id, vendor, notes, created_at, updated_at";

    private final Jdbi jdbi;

    /** Creates the store over a migrated database. */
    public UriMappingStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi is null");
    }

    /** Every mapping, by path. */
    public List<UriMapping> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM endpoint_uri_mappings ORDER BY path, id")
                .map(UriMappingStore::map).list());
    }

    /** One mapping. */
    public Optional<UriMapping> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM endpoint_uri_mappings WHERE id = :id")
                .bind("id", id).map(UriMappingStore::map).findOne());
    }

    /**
     * Inserts a mapping.
     *
     * @throws StoreException when the path is taken (two writers racing; callers check first)
     */
    public void insert(UriMapping m) {
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO endpoint_uri_mappings (" + COLUMNS + ") VALUES (:id, :path, "
                            + ":template, :vendor, :notes, :createdAt, :updatedAt)")
                    .bind("id", m.id()).bind("path", m.path()).bind("template", m.templateId())
                    .bind("vendor", m.vendor().orElse(null)).bind("notes", m.notes())
                    .bind("createdAt", m.createdAt().toEpochMilli()).bind("updatedAt", m.updatedAt().toEpochMilli())
                    .execute());
        } catch (JdbiException e) {
            throw new StoreException(StoreException.Kind.DUPLICATE, "URI mapping path is taken: " + m.path());
        }
    }

    /**
     * Replaces a mapping's fields; false when it is gone.
     *
     * @throws StoreException when the path is taken (two writers racing; callers check first)
     */
    public boolean update(UriMapping m) {
        try {
            return jdbi.withHandle(h -> h.createUpdate("UPDATE endpoint_uri_mappings SET path = :path, "
                            + "template_id = :template, vendor = :vendor, notes = :notes, updated_at = :updatedAt WHERE id = :id")
                    .bind("id", m.id()).bind("path", m.path()).bind("template", m.templateId())
                    .bind("vendor", m.vendor().orElse(null)).bind("notes", m.notes())
                    .bind("updatedAt", m.updatedAt().toEpochMilli()).execute()) == 1;
        } catch (JdbiException e) {
            throw new StoreException(StoreException.Kind.DUPLICATE, "URI mapping path is taken: " + m.path());
        }
    }

    /** Deletes a mapping; false when it was not there. */
    public boolean delete(String id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM endpoint_uri_mappings WHERE id = :id")
                .bind("id", id).execute()) == 1;
    }

    private static UriMapping map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new UriMapping(rs.getString("id"), rs.getString("path"), rs.getString("template_id"),
                Optional.ofNullable(rs.getString("vendor")), rs.getString("notes"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}

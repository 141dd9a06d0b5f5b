package org.endpointmanager.core.phonebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.vendor.PhonebookEntry;
import org.endpointmanager.core.http.Json;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** Phonebook sources in {@code endpoint_phonebook_sources}; the last good entries are a JSON array. */
public final class PhonebookSourceStore {

    private static final String COLUMNS = "id, name, url, format, enabled, refresh_minutes, last_entries, "
            + "last_success_at, last_attempt_at, last_error, created_at, updated_at";

    private final Jdbi jdbi;

    /** Creates the store over a migrated database. */
    public PhonebookSourceStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi is null");
    }

    /** Every source, by name. */
    public List<PhonebookSource> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM endpoint_phonebook_sources ORDER BY name, id")
                .map(PhonebookSourceStore::map).list());
    }

    /** One source. */
    public Optional<PhonebookSource> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM endpoint_phonebook_sources WHERE id = :id")
                .bind("id", id).map(PhonebookSourceStore::map).findOne());
    }

    /** Whether another source has this name. */
    public boolean nameTaken(String name, String exceptId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM endpoint_phonebook_sources WHERE name = :name AND id <> :id")
                .bind("name", name).bind("id", exceptId).mapTo(Long.class).one()) > 0;
    }

    /** Inserts a source. */
    public void insert(PhonebookSource s) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO endpoint_phonebook_sources (" + COLUMNS + ") VALUES (:id, :name, "
                        + ":url, :format, :enabled, :refresh, :entries, :success, :attempt, :error, :createdAt, :updatedAt)")
                .bind("id", s.id()).bind("name", s.name()).bind("url", s.url()).bind("format", s.format().id())
                .bind("enabled", s.enabled() ? 1 : 0).bind("refresh", s.refreshMinutes())
                .bind("entries", s.lastEntries().isEmpty() && s.lastSuccessAt().isEmpty() ? null : toJson(s.lastEntries()))
                .bind("success", s.lastSuccessAt().map(Instant::toEpochMilli).orElse(null))
                .bind("attempt", s.lastAttemptAt().map(Instant::toEpochMilli).orElse(null))
                .bind("error", s.lastError().orElse(null))
                .bind("createdAt", s.createdAt().toEpochMilli()).bind("updatedAt", s.updatedAt().toEpochMilli())
                .execute());
    }

    /** Changes what an admin may change; the fetched copy stays. False when gone. */
    public boolean updateDefinition(PhonebookSource s) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE endpoint_phonebook_sources SET name = :name, url = :url, "
                        + "format = :format, enabled = :enabled, refresh_minutes = :refresh, updated_at = :updatedAt WHERE id = :id")
                .bind("id", s.id()).bind("name", s.name()).bind("url", s.url()).bind("format", s.format().id())
                .bind("enabled", s.enabled() ? 1 : 0).bind("refresh", s.refreshMinutes())
                .bind("updatedAt", s.updatedAt().toEpochMilli()).execute()) == 1;
    }

    /** Records a good fetch. */
    public void recordSuccess(String id, List<PhonebookEntry> entries, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE endpoint_phonebook_sources SET last_entries = :entries, "
                        + "last_success_at = :at, last_attempt_at = :at, last_error = NULL WHERE id = :id")
                .bind("id", id).bind("entries", toJson(entries)).bind("at", at.toEpochMilli()).execute());
    }

    /** Records a failed fetch; the last good copy stays. */
    public void recordFailure(String id, String error, Instant at) {
        String e = error.length() > 500 ? error.substring(0, 500) : error;
        jdbi.useHandle(h -> h.createUpdate("UPDATE endpoint_phonebook_sources SET last_attempt_at = :at, "
                        + "last_error = :error WHERE id = :id")
                .bind("id", id).bind("error", e).bind("at", at.toEpochMilli()).execute());
    }

    /** Deletes a source; false when it was not there. */
    public boolean delete(String id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM endpoint_phonebook_sources WHERE id = :id")
                .bind("id", id).execute()) == 1;
    }

    private static String toJson(List<PhonebookEntry> entries) {
        ArrayNode arr = Json.mapper().createArrayNode();
        for (PhonebookEntry e : entries) {
            var o = arr.addObject();
            o.put("name", e.name());
            var nums = o.putArray("numbers");
            e.numbers().forEach(nums::add);
            o.put("group", e.group());
        }
        return arr.toString();
    }

    private static List<PhonebookEntry> fromJson(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            List<PhonebookEntry> out = new ArrayList<>();
            for (JsonNode n : Json.mapper().readTree(text)) {
                List<String> nums = new ArrayList<>();
                n.path("numbers").forEach(x -> nums.add(x.asText()));
                if (!nums.isEmpty()) {
                    out.add(new PhonebookEntry(n.path("name").asText(), nums, n.path("group").asText()));
                }
            }
            return out;
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
    }

    private static PhonebookSource map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new PhonebookSource(rs.getString("id"), rs.getString("name"), rs.getString("url"),
                PhonebookFormat.parse(rs.getString("format")).orElse(PhonebookFormat.AUTO), rs.getInt("enabled") != 0,
                rs.getInt("refresh_minutes"), fromJson(rs.getString("last_entries")), instant(rs, "last_success_at"),
                instant(rs, "last_attempt_at"), Optional.ofNullable(rs.getString("last_error")),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}

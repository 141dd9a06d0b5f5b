package org.endpointmanager.core.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link FetchStore} over {@code endpoint_fetches}. */
final class JdbiFetchStore implements FetchStore {
    private final Jdbi jdbi;

    JdbiFetchStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void record(FetchRecord fetch) {
        Objects.requireNonNull(fetch, "fetch is null");
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO endpoint_fetches (id, mac, at, source_ip, user_agent, file_name, "
                        + "content_hash, firmware, transport, repeats, last_at) VALUES (:id, :mac, :at, :sourceIp, "
                        + ":userAgent, :fileName, :hash, :firmware, :transport, :repeats, :lastAt)")
                .bind("id", fetch.id())
                .bind("mac", fetch.mac().hex())
                .bind("at", Sql.millis(fetch.firstAt()))
                .bind("repeats", fetch.repeats())
                .bind("lastAt", lastAtColumn(fetch))
                .bind("sourceIp", fetch.sourceIp())
                .bind("userAgent", fetch.userAgent().orElse(null))
                .bind("fileName", fetch.fileName())
                .bind("hash", fetch.contentHash())
                .bind("firmware", fetch.firmware().orElse(null))
                .bind("transport", fetch.transport())
                .execute());
    }

    @Override
    public Optional<FetchRecord> latest(MacAddress mac) {
        return history(mac, 1).stream().findFirst();
    }

    @Override
    public List<FetchRecord> history(MacAddress mac, int limit) {
        Objects.requireNonNull(mac, "mac is null");
        Sql.checkPage(0, limit);
        // ordered by the first fetch of each record (the index); a run is at most FetchRecord.MAX_RUN long
        return jdbi.withHandle(h -> h.createQuery("SELECT id, mac, at, source_ip, user_agent, file_name, content_hash, "
                        + "firmware, transport, repeats, last_at FROM endpoint_fetches WHERE mac = :mac "
                        + "ORDER BY at DESC, id DESC LIMIT :limit")
                .bind("mac", mac.hex())
                .bind("limit", limit)
                .map(JdbiFetchStore::map)
                .list());
    }

    @Override
    public void keepCopy(FetchedCopy copy) {
        Objects.requireNonNull(copy, "copy is null");
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM endpoint_fetched_copies WHERE mac = :mac AND file_name = :file")
                    .bind("mac", copy.mac().hex()).bind("file", copy.fileName()).execute();
            h.createUpdate("INSERT INTO endpoint_fetched_copies (mac, file_name, content_hash, masked_body, at) "
                            + "VALUES (:mac, :file, :hash, :body, :at)")
                    .bind("mac", copy.mac().hex()).bind("file", copy.fileName()).bind("hash", copy.contentHash())
                    .bind("body", copy.maskedBody()).bind("at", Sql.millis(copy.at())).execute();
        });
    }

    @Override
    public Optional<FetchedCopy> copy(MacAddress mac, String fileName) {
        return jdbi.withHandle(h -> h.createQuery("SELECT mac, file_name, content_hash, masked_body, at "
                        + "FROM endpoint_fetched_copies WHERE mac = :mac AND file_name = :file")
                .bind("mac", mac.hex()).bind("file", fileName)
                .map((rs, ctx) -> new FetchedCopy(new MacAddress(rs.getString("mac").strip()), rs.getString("file_name"),
                        rs.getString("content_hash"), rs.getString("masked_body"), Sql.instant(rs, "at")))
                .findOne());
    }

    /** The {@code last_at} column of a record: null for a single fetch, whose {@code at} is both times. */
    static Long lastAtColumn(FetchRecord fetch) {
        return fetch.repeats() > 1 ? Long.valueOf(Sql.millis(fetch.at())) : null;
    }

    private static FetchRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
        java.time.Instant first = Sql.instant(rs, "at");
        long last = rs.getLong("last_at");
        java.time.Instant at = rs.wasNull() ? first : java.time.Instant.ofEpochMilli(last);
        int repeats = Math.max(1, rs.getInt("repeats"));
        return new FetchRecord(rs.getString("id"), new MacAddress(rs.getString("mac").strip()),
                at.isBefore(first) ? first : at, rs.getString("source_ip"), Sql.optionalString(rs, "user_agent"),
                rs.getString("file_name"), rs.getString("content_hash"), Sql.optionalString(rs, "firmware"),
                rs.getString("transport"), first, repeats);
    }
}

package org.endpointmanager.core.discovery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link DiscoveryStore} over {@code endpoint_discovery} (migration V3). */
public final class JdbiDiscoveryStore implements DiscoveryStore {

    private static final String COLUMNS = "mac, vendor, model, firmware, ip, source, first_seen, last_seen, seen_count";

    private final Jdbi jdbi;

    /** Creates the store over a migrated database. */
    public JdbiDiscoveryStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi is null");
    }

    @Override
    public DiscoveryRecord upsert(DiscoveryRecord s) {
        Objects.requireNonNull(s, "sighting is null");
        try {
            return jdbi.inTransaction(h -> upsert(h, s));
        } catch (JdbiException e) {
            // Two first sightings of one MAC raced and the other insert won: this one is now an update.
            return jdbi.inTransaction(h -> upsert(h, s));
        }
    }

    private static DiscoveryRecord upsert(Handle h, DiscoveryRecord s) {
        Optional<DiscoveryRecord> existing = find(h, s.mac());
        if (existing.isEmpty()) {
            h.createUpdate("INSERT INTO endpoint_discovery (" + COLUMNS + ") VALUES (:mac, :vendor, :model, :firmware, "
                            + ":ip, :source, :firstSeen, :lastSeen, :count)")
                    .bind("mac", s.mac().hex()).bind("vendor", s.vendor())
                    .bind("model", s.model().orElse(null)).bind("firmware", s.firmware().orElse(null))
                    .bind("ip", s.ip()).bind("source", s.source().id())
                    .bind("firstSeen", s.firstSeen().toEpochMilli()).bind("lastSeen", s.lastSeen().toEpochMilli())
                    .bind("count", Math.max(1, s.seenCount()))
                    .execute();
            return find(h, s.mac()).orElseThrow();
        }
        DiscoveryRecord old = existing.get();
        h.createUpdate("UPDATE endpoint_discovery SET vendor = :vendor, model = :model, firmware = :firmware, ip = :ip, "
                        + "source = :source, last_seen = :lastSeen, seen_count = seen_count + 1 WHERE mac = :mac")
                .bind("mac", s.mac().hex()).bind("vendor", s.vendor())
                .bind("model", s.model().or(old::model).orElse(null))
                .bind("firmware", s.firmware().or(old::firmware).orElse(null))
                .bind("ip", s.ip()).bind("source", s.source().id())
                .bind("lastSeen", Math.max(s.lastSeen().toEpochMilli(), old.lastSeen().toEpochMilli()))
                .execute();
        return find(h, s.mac()).orElseThrow();
    }

    @Override
    public Optional<DiscoveryRecord> find(MacAddress mac) {
        Objects.requireNonNull(mac, "mac is null");
        return jdbi.withHandle(h -> find(h, mac));
    }

    private static Optional<DiscoveryRecord> find(Handle h, MacAddress mac) {
        return h.createQuery("SELECT " + COLUMNS + " FROM endpoint_discovery WHERE mac = :mac")
                .bind("mac", mac.hex()).map(JdbiDiscoveryStore::map).findOne();
    }

    @Override
    public List<DiscoveryRecord> list(int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("offset must be >= 0 and limit 1..1000");
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM endpoint_discovery "
                        + "ORDER BY last_seen DESC, mac LIMIT :limit OFFSET :offset")
                .bind("limit", limit).bind("offset", offset)
                .map(JdbiDiscoveryStore::map).list());
    }

    @Override
    public long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM endpoint_discovery").mapTo(Long.class).one());
    }

    @Override
    public boolean delete(MacAddress mac) {
        Objects.requireNonNull(mac, "mac is null");
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM endpoint_discovery WHERE mac = :mac")
                .bind("mac", mac.hex()).execute()) > 0;
    }

    private static DiscoveryRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new DiscoveryRecord(new MacAddress(rs.getString("mac").strip()), rs.getString("vendor"),
                Optional.ofNullable(rs.getString("model")), Optional.ofNullable(rs.getString("firmware")),
                rs.getString("ip"),
                SightingSource.fromId(rs.getString("source")).orElse(SightingSource.PROVISIONING),
                Instant.ofEpochMilli(rs.getLong("first_seen")), Instant.ofEpochMilli(rs.getLong("last_seen")),
                rs.getLong("seen_count"));
    }
}

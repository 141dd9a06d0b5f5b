package org.endpointmanager.core.registrations;

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
import org.jdbi.v3.core.statement.Update;

/**
 * {@code endpoint_registrations} (migration V4). Several nodes may share the table: a write is an
 * update-or-insert on the binding key, retried as an update when another node inserted first.
 */
public final class RegistrationStore {

    /** The most rows one read returns; a PBX with more bindings than this is not this add-on's size. */
    public static final int MAX_ROWS = 20_000;

    private static final String COLUMNS = "extension, contact, source_ip, source_port, transport, user_agent, "
            + "device_type, manufacturer, model, mac, registered_at, expires_at";

    private final Jdbi jdbi;

    /** Creates the store over the engine's database. */
    public RegistrationStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi is null");
    }

    /** Writes the binding, replacing what the table held for its (extension, contact). */
    public void put(RegistrationRow row) {
        Objects.requireNonNull(row, "row is null");
        jdbi.useHandle(h -> {
            if (update(h, row) > 0) {
                return;
            }
            try {
                bindAll(h.createUpdate("INSERT INTO endpoint_registrations (binding_key, " + COLUMNS + ") VALUES (:key, "
                        + ":extension, :contact, :sourceIp, :sourcePort, :transport, :userAgent, :type, "
                        + ":manufacturer, :model, :mac, :registeredAt, :expiresAt)"), row).execute();
            } catch (JdbiException e) {
                // another node inserted the same binding between our update and insert
                if (update(h, row) == 0) {
                    throw e;
                }
            }
        });
    }

    private static int update(Handle h, RegistrationRow row) {
        return bindAll(h.createUpdate("UPDATE endpoint_registrations SET extension = :extension, contact = :contact, "
                + "source_ip = :sourceIp, source_port = :sourcePort, transport = :transport, user_agent = :userAgent, "
                + "device_type = :type, manufacturer = :manufacturer, model = :model, mac = :mac, "
                + "registered_at = :registeredAt, expires_at = :expiresAt WHERE binding_key = :key"), row).execute();
    }

    private static Update bindAll(Update u, RegistrationRow row) {
        UaClassification c = row.classification();
        return u.bind("key", row.key())
                .bind("extension", row.extension())
                .bind("contact", row.contact())
                .bind("sourceIp", row.sourceIp())
                .bind("sourcePort", row.sourcePort())
                .bind("transport", row.transport())
                .bind("userAgent", row.userAgent().orElse(null))
                .bind("type", c.type().jsonName())
                .bind("manufacturer", c.manufacturer().orElse(null))
                .bind("model", c.model().orElse(null))
                .bind("mac", c.mac().map(MacAddress::hex).orElse(null))
                .bind("registeredAt", row.registeredAt().toEpochMilli())
                .bind("expiresAt", row.expiresAt().toEpochMilli());
    }

    /** Ends a binding now (Expires: 0), keeping the row as the last registration; false when unknown. */
    public boolean end(String extension, String contact, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE endpoint_registrations SET expires_at = :now "
                        + "WHERE binding_key = :key AND expires_at > :now")
                .bind("key", RegistrationRow.key(extension, contact))
                .bind("now", now.toEpochMilli())
                .execute()) > 0;
    }

    /** Every row, live or not, newest refresh first (at most {@value #MAX_ROWS}). */
    public List<RegistrationRow> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM endpoint_registrations "
                        + "ORDER BY registered_at DESC, binding_key LIMIT " + MAX_ROWS)
                .map(RegistrationStore::map)
                .list());
    }

    /** Deletes rows that lapsed before {@code cutoff}; returns how many. */
    public int purgeLapsedBefore(Instant cutoff) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM endpoint_registrations WHERE expires_at < :cutoff")
                .bind("cutoff", cutoff.toEpochMilli())
                .execute());
    }

    private static RegistrationRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        Optional<MacAddress> mac = Optional.ofNullable(rs.getString("mac")).flatMap(m -> MacAddress.tryParse(m.strip()));
        UaClassification c = new UaClassification(DeviceType.fromJsonName(rs.getString("device_type")),
                Optional.empty(), Optional.ofNullable(rs.getString("manufacturer")),
                Optional.ofNullable(rs.getString("model")), mac);
        return new RegistrationRow(rs.getString("extension"), rs.getString("contact"), rs.getString("source_ip"),
                rs.getInt("source_port"), rs.getString("transport"), Optional.ofNullable(rs.getString("user_agent")),
                c, Instant.ofEpochMilli(rs.getLong("registered_at")), Instant.ofEpochMilli(rs.getLong("expires_at")));
    }
}

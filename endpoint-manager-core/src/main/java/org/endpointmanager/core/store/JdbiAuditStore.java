package org.endpointmanager.core.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link AuditStore} over {@code endpoint_audit}. */
final class JdbiAuditStore implements AuditStore {
    private final Jdbi jdbi;

    JdbiAuditStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void append(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry is null");
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO endpoint_audit (id, at, actor, action, target, detail_json) "
                        + "VALUES (:id, :at, :actor, :action, :target, :detail)")
                .bind("id", entry.id())
                .bind("at", Sql.millis(entry.at()))
                .bind("actor", entry.actor())
                .bind("action", entry.action())
                .bind("target", entry.target())
                .bind("detail", entry.detailJson())
                .execute());
    }

    @Override
    public List<AuditEntry> list(Optional<String> actor, Optional<String> action, Optional<String> target,
            int offset, int limit) {
        Sql.checkPage(offset, limit);
        List<String> conditions = new ArrayList<>();
        actor.ifPresent(a -> conditions.add("actor = :actor"));
        action.ifPresent(a -> conditions.add("action LIKE :action ESCAPE '" + Sql.LIKE_ESCAPE + "'"));
        target.ifPresent(t -> conditions.add("target = :target"));
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return jdbi.withHandle(h -> {
            Query q = h.createQuery("SELECT id, at, actor, action, target, detail_json FROM endpoint_audit" + where
                    + " ORDER BY at DESC, id DESC LIMIT :limit OFFSET :offset");
            actor.ifPresent(a -> q.bind("actor", a));
            action.ifPresent(a -> q.bind("action", Sql.startsWith(a)));
            target.ifPresent(t -> q.bind("target", t));
            return q.bind("limit", limit).bind("offset", offset).map(JdbiAuditStore::map).list();
        });
    }

    private static AuditEntry map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new AuditEntry(rs.getString("id"), Sql.instant(rs, "at"), rs.getString("actor"),
                rs.getString("action"), rs.getString("target"), rs.getString("detail_json"));
    }
}

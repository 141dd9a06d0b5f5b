package org.endpointmanager.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link SiteStore} over {@code endpoint_sites}; subnets are stored as a JSON array. */
final class JdbiSiteStore implements SiteStore {
    private static final String COLUMNS = "id, name, subnets, default_template_id, created_at, updated_at";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() { };

    private final Jdbi jdbi;
    private final Clock clock;

    JdbiSiteStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public List<SiteRecord> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM endpoint_sites ORDER BY name, id")
                .map(JdbiSiteStore::map).list());
    }

    @Override
    public Optional<SiteRecord> find(String id) {
        return jdbi.withHandle(h -> find(h, id));
    }

    private static Optional<SiteRecord> find(Handle h, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM endpoint_sites WHERE id = :id")
                .bind("id", id).map(JdbiSiteStore::map).findOne();
    }

    @Override
    public SiteRecord insert(SiteRecord site) {
        return Sql.translate(() -> jdbi.inTransaction(h -> {
            requireFreeName(h, site);
            requireTemplate(h, site);
            h.createUpdate("INSERT INTO endpoint_sites (" + COLUMNS + ") VALUES (:id, :name, :subnets, :template, "
                            + ":createdAt, :updatedAt)")
                    .bind("id", site.id())
                    .bind("name", site.name())
                    .bind("subnets", toJson(site.subnets()))
                    .bind("template", site.defaultTemplateId().orElse(null))
                    .bind("createdAt", Sql.millis(site.createdAt()))
                    .bind("updatedAt", Sql.millis(site.updatedAt()))
                    .execute();
            return find(h, site.id()).orElseThrow();
        }), "a site named " + site.name() + " or with id " + site.id() + " already exists",
                StoreException.Kind.NOT_FOUND, "the site's default template does not exist");
    }

    @Override
    public SiteRecord update(SiteRecord site) {
        return Sql.translate(() -> jdbi.inTransaction(h -> {
            if (!Sql.exists(h, "endpoint_sites", site.id())) {
                throw new StoreException(StoreException.Kind.NOT_FOUND, "no site with id " + site.id());
            }
            requireFreeName(h, site);
            requireTemplate(h, site);
            h.createUpdate("UPDATE endpoint_sites SET name = :name, subnets = :subnets, default_template_id = :template, "
                            + "updated_at = :updatedAt WHERE id = :id")
                    .bind("id", site.id())
                    .bind("name", site.name())
                    .bind("subnets", toJson(site.subnets()))
                    .bind("template", site.defaultTemplateId().orElse(null))
                    .bind("updatedAt", Sql.millis(clock.instant()))
                    .execute();
            return find(h, site.id()).orElseThrow();
        }), "a site named " + site.name() + " already exists", StoreException.Kind.NOT_FOUND,
                "the site's default template does not exist");
    }

    @Override
    public boolean delete(String id) {
        if (SiteRecord.DEFAULT_ID.equals(id)) {
            throw new StoreException(StoreException.Kind.IN_USE, "the default site cannot be deleted");
        }
        return Sql.translate(() -> jdbi.inTransaction(h -> {
            if (!Sql.exists(h, "endpoint_sites", id)) {
                return false;
            }
            long devices = h.createQuery("SELECT COUNT(*) FROM endpoint_devices WHERE site_id = :id")
                    .bind("id", id).mapTo(Long.class).one();
            if (devices > 0) {
                throw new StoreException(StoreException.Kind.IN_USE, "site " + id + " still has " + devices + " devices");
            }
            long templates = h.createQuery("SELECT COUNT(*) FROM endpoint_templates WHERE site_id = :id")
                    .bind("id", id).mapTo(Long.class).one();
            if (templates > 0) {
                throw new StoreException(StoreException.Kind.IN_USE,
                        "site " + id + " still has " + templates + " templates");
            }
            h.createUpdate("DELETE FROM endpoint_sites WHERE id = :id").bind("id", id).execute();
            return true;
        }), "unexpected duplicate", StoreException.Kind.IN_USE, "site " + id + " is still in use");
    }

    private static void requireFreeName(Handle h, SiteRecord site) {
        Optional<String> owner = h.createQuery("SELECT id FROM endpoint_sites WHERE name = :name")
                .bind("name", site.name()).mapTo(String.class).findOne();
        if (owner.isPresent() && !owner.get().equals(site.id())) {
            throw new StoreException(StoreException.Kind.DUPLICATE, "a site named " + site.name() + " already exists");
        }
    }

    private static void requireTemplate(Handle h, SiteRecord site) {
        if (site.defaultTemplateId().isPresent() && !Sql.exists(h, "endpoint_templates", site.defaultTemplateId().get())) {
            throw new StoreException(StoreException.Kind.NOT_FOUND,
                    "no template with id " + site.defaultTemplateId().get());
        }
    }

    private static String toJson(List<String> subnets) {
        try {
            return JSON.writeValueAsString(subnets);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write subnets as JSON", e);
        }
    }

    /** Reads a JSON array, or a newline list an admin may have written into the column by hand. */
    private static List<String> fromText(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return List.of();
        }
        if (t.startsWith("[")) {
            try {
                return JSON.readValue(t, STRING_LIST);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("endpoint_sites.subnets is not a JSON array of strings", e);
            }
        }
        return Arrays.stream(t.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static SiteRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new SiteRecord(rs.getString("id"), rs.getString("name"), fromText(rs.getString("subnets")),
                Sql.optionalString(rs, "default_template_id"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }
}

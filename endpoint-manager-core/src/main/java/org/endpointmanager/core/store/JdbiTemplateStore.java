package org.endpointmanager.core.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link TemplateStore} over {@code endpoint_templates}. */
final class JdbiTemplateStore implements TemplateStore {
    private static final String COLUMNS = "id, name, vendor, site_id, settings_json, raw_parameters, custom_template, "
            + "created_at, updated_at";

    private final Jdbi jdbi;
    private final Clock clock;

    JdbiTemplateStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public List<TemplateRecord> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM endpoint_templates ORDER BY name, id")
                .map(JdbiTemplateStore::map).list());
    }

    @Override
    public Optional<TemplateRecord> find(String id) {
        return jdbi.withHandle(h -> find(h, id));
    }

    private static Optional<TemplateRecord> find(Handle h, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM endpoint_templates WHERE id = :id")
                .bind("id", id).map(JdbiTemplateStore::map).findOne();
    }

    @Override
    public TemplateRecord insert(TemplateRecord template) {
        return Sql.translate(() -> jdbi.inTransaction(h -> {
            requireFreeName(h, template);
            requireSite(h, template);
            h.createUpdate("INSERT INTO endpoint_templates (" + COLUMNS + ") VALUES (:id, :name, :vendor, :siteId, "
                            + ":settings, :raw, :custom, :createdAt, :updatedAt)")
                    .bind("id", template.id())
                    .bind("name", template.name())
                    .bind("vendor", template.vendor().orElse(null))
                    .bind("siteId", template.siteId().orElse(null))
                    .bind("settings", template.settingsJson())
                    .bind("raw", template.rawParameters())
                    .bind("custom", template.customTemplate().orElse(null))
                    .bind("createdAt", Sql.millis(template.createdAt()))
                    .bind("updatedAt", Sql.millis(template.updatedAt()))
                    .execute();
            return find(h, template.id()).orElseThrow();
        }), "a template named " + template.name() + " or with id " + template.id() + " already exists",
                StoreException.Kind.NOT_FOUND, "the template's site does not exist");
    }

    @Override
    public TemplateRecord update(TemplateRecord template) {
        return Sql.translate(() -> jdbi.inTransaction(h -> {
            if (!Sql.exists(h, "endpoint_templates", template.id())) {
                throw new StoreException(StoreException.Kind.NOT_FOUND, "no template with id " + template.id());
            }
            requireFreeName(h, template);
            requireSite(h, template);
            h.createUpdate("UPDATE endpoint_templates SET name = :name, vendor = :vendor, site_id = :siteId, "
                            + "settings_json = :settings, raw_parameters = :raw, custom_template = :custom, "
                            + "updated_at = :updatedAt WHERE id = :id")
                    .bind("id", template.id())
                    .bind("name", template.name())
                    .bind("vendor", template.vendor().orElse(null))
                    .bind("siteId", template.siteId().orElse(null))
                    .bind("settings", template.settingsJson())
                    .bind("raw", template.rawParameters())
                    .bind("custom", template.customTemplate().orElse(null))
                    .bind("updatedAt", Sql.millis(clock.instant()))
                    .execute();
            return find(h, template.id()).orElseThrow();
        }), "a template named " + template.name() + " already exists", StoreException.Kind.NOT_FOUND,
                "the template's site does not exist");
    }

    @Override
    public boolean delete(String id) {
        return Sql.translate(() -> jdbi.inTransaction(h -> {
            if (!Sql.exists(h, "endpoint_templates", id)) {
                return false;
            }
            long devices = h.createQuery("SELECT COUNT(*) FROM endpoint_devices WHERE template_id = :id")
                    .bind("id", id).mapTo(Long.class).one();
            if (devices > 0) {
                throw new StoreException(StoreException.Kind.IN_USE,
                        "template " + id + " is used by " + devices + " devices");
            }
            long sites = h.createQuery("SELECT COUNT(*) FROM endpoint_sites WHERE default_template_id = :id")
                    .bind("id", id).mapTo(Long.class).one();
            if (sites > 0) {
                throw new StoreException(StoreException.Kind.IN_USE,
                        "template " + id + " is the default of " + sites + " sites");
            }
            h.createUpdate("DELETE FROM endpoint_templates WHERE id = :id").bind("id", id).execute();
            return true;
        }), "unexpected duplicate", StoreException.Kind.IN_USE, "template " + id + " is still in use");
    }

    private static void requireFreeName(Handle h, TemplateRecord template) {
        Optional<String> owner = h.createQuery("SELECT id FROM endpoint_templates WHERE name = :name")
                .bind("name", template.name()).mapTo(String.class).findOne();
        if (owner.isPresent() && !owner.get().equals(template.id())) {
            throw new StoreException(StoreException.Kind.DUPLICATE,
                    "a template named " + template.name() + " already exists");
        }
    }

    private static void requireSite(Handle h, TemplateRecord template) {
        if (template.siteId().isPresent() && !Sql.exists(h, "endpoint_sites", template.siteId().get())) {
            throw new StoreException(StoreException.Kind.NOT_FOUND, "no site with id " + template.siteId().get());
        }
    }

    private static TemplateRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new TemplateRecord(rs.getString("id"), rs.getString("name"), Sql.optionalString(rs, "vendor"),
                Sql.optionalString(rs, "site_id"), rs.getString("settings_json"), rs.getString("raw_parameters"),
                Sql.optionalString(rs, "custom_template"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }
}

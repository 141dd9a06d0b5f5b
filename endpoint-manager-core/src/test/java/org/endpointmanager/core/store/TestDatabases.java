package org.endpointmanager.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;
import org.endpointmanager.core.config.EndpointManagerConfig;
import org.endpointmanager.core.security.SecretBox;
import org.endpointmanager.core.store.Database.DbKind;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real databases for tests: SQLite in a temporary directory always; PostgreSQL and MySQL/MariaDB
 * in a fresh, randomly named database created through the admin URL from the environment and
 * dropped again on close.
 *
 * <p>Without the variable the database is skipped (a JUnit assumption), unless
 * {@value #REQUIRE_ENV}{@code =1}, which turns a missing one into a failure.
 */
public final class TestDatabases {
    /** Admin URL of a PostgreSQL server, for example {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}. */
    public static final String POSTGRES_ENV = "EM_TEST_POSTGRES_URL";
    /** Admin URL of a MySQL/MariaDB server, for example {@code jdbc:mysql://127.0.0.1:3306/?user=emtest&password=emtest}. */
    public static final String MYSQL_ENV = "EM_TEST_MYSQL_URL";
    /** Set to {@code 1} to fail instead of skip when a database variable is missing. */
    public static final String REQUIRE_ENV = "EM_REQUIRE_DBS";

    private static final Logger LOG = LoggerFactory.getLogger(TestDatabases.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestDatabases() {
    }

    /** An opened, migrated database and what to undo when done. */
    public static final class TestDatabase implements AutoCloseable {
        private final Database database;
        private final Runnable cleanup;

        private TestDatabase(Database database, Runnable cleanup) {
            this.database = database;
            this.cleanup = cleanup;
        }

        /** The opened database. */
        public Database database() {
            return database;
        }

        /** Closes the pool, then drops the database (or deletes the SQLite directory). */
        @Override
        public void close() {
            try {
                database.close();
            } finally {
                cleanup.run();
            }
        }
    }

    /** The environment variable holding the admin URL of a kind; empty for SQLite. */
    public static Optional<String> variable(DbKind kind) {
        return switch (kind) {
            case SQLITE -> Optional.empty();
            case POSTGRESQL -> Optional.of(POSTGRES_ENV);
            case MYSQL -> Optional.of(MYSQL_ENV);
        };
    }

    /**
     * Skips the current test when the kind's server is not configured, or fails when
     * {@value #REQUIRE_ENV}{@code =1}.
     */
    public static void assumeAvailable(DbKind kind) {
        Optional<String> variable = variable(kind);
        if (variable.isEmpty()) {
            return;
        }
        String value = System.getenv(variable.get());
        if (value != null && !value.isBlank()) {
            return;
        }
        if ("1".equals(System.getenv(REQUIRE_ENV))) {
            throw new AssertionError(variable.get() + " is not set, but " + REQUIRE_ENV
                    + "=1 requires the " + kind.id() + " tests to run");
        }
        Assumptions.abort(variable.get() + " is not set: skipping " + kind.id());
    }

    /** Opens a fresh database of the kind (see the class comment for skipping). */
    public static TestDatabase open(DbKind kind) {
        assumeAvailable(kind);
        SecretBox secrets = SecretBox.open(Path.of("unused.key"), Optional.of(randomKey()));
        return switch (kind) {
            case SQLITE -> openSqlite(secrets);
            case POSTGRESQL, MYSQL -> openServer(kind, System.getenv(variable(kind).orElseThrow()).strip(), secrets);
        };
    }

    /**
     * An empty database on a server (or a SQLite file) that several engines open by URL; closing
     * drops it.
     *
     * @param url the JDBC URL to configure
     * @param drop what undoes it
     */
    public record EmptyDatabase(String url, Runnable drop) implements AutoCloseable {
        @Override
        public void close() {
            drop.run();
        }
    }

    /** Creates an empty database of the kind for engines to share (see the class comment for skipping). */
    public static EmptyDatabase createEmpty(DbKind kind) {
        assumeAvailable(kind);
        if (kind == DbKind.SQLITE) {
            try {
                Path dir = Files.createTempDirectory("em-shared-");
                return new EmptyDatabase("jdbc:sqlite:" + dir.resolve("shared.db").toAbsolutePath(), () -> { });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String adminUrl = System.getenv(variable(kind).orElseThrow()).strip();
        String name = "em_t_" + HexFormat.of().formatHex(randomBytes(6));
        admin(adminUrl, kind == DbKind.MYSQL
                ? "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
                : "CREATE DATABASE " + name);
        return new EmptyDatabase(withDatabase(adminUrl, name), () -> admin(adminUrl, "DROP DATABASE IF EXISTS " + name));
    }

    /** Empties every table, leaving the default site as the migration made it. */
    public static void clear(Database database) {
        database.jdbi().useTransaction(h -> {
            for (String table : new String[] {"endpoint_job_items", "endpoint_jobs", "endpoint_device_lines",
                "endpoint_devices", "endpoint_audit", "endpoint_fetches", "endpoint_fetched_copies", "endpoint_settings"}) {
                h.execute("DELETE FROM " + table);
            }
            h.execute("DELETE FROM endpoint_sites WHERE id <> 'default'");
            h.execute("UPDATE endpoint_sites SET default_template_id = NULL, subnets = '[]', name = 'Default' "
                    + "WHERE id = 'default'");
            h.execute("DELETE FROM endpoint_uri_mappings");
            h.execute("DELETE FROM endpoint_templates");
        });
    }

    /** A random 32-byte key in base64, as {@code EM_SECRET_KEY} would hold it. */
    public static String randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static TestDatabase openSqlite(SecretBox secrets) {
        Path dir;
        try {
            dir = Files.createTempDirectory("em-store-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a relative path in a sub-directory: exercises resolution against the data directory
        Database db = Database.open(config("jdbc:sqlite:db/endpoint-manager.db"), dir, secrets);
        return new TestDatabase(db, () -> deleteTree(dir));
    }

    private static TestDatabase openServer(DbKind kind, String adminUrl, SecretBox secrets) {
        String name = "em_t_" + HexFormat.of().formatHex(randomBytes(6));
        admin(adminUrl, kind == DbKind.MYSQL
                ? "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
                : "CREATE DATABASE " + name);
        LOG.info("test database {} created on {}", name, kind.id());
        Runnable drop = () -> {
            admin(adminUrl, "DROP DATABASE IF EXISTS " + name);
            LOG.info("test database {} dropped on {}", name, kind.id());
        };
        try {
            Database db = Database.open(config(withDatabase(adminUrl, name)), Path.of("."), secrets);
            return new TestDatabase(db, drop);
        } catch (RuntimeException | Error e) {
            drop.run();
            throw e;
        }
    }

    /** The admin URL with its database path replaced by {@code name}, keeping the parameters. */
    static String withDatabase(String adminUrl, String name) {
        int hostStart = adminUrl.indexOf("//");
        if (hostStart < 0) {
            throw new IllegalArgumentException("admin URL must look like jdbc:<db>://host:port/[db][?params]");
        }
        int query = adminUrl.indexOf('?', hostStart + 2);
        int slash = adminUrl.indexOf('/', hostStart + 2);
        int hostEnd = slash >= 0 && (query < 0 || slash < query) ? slash : (query < 0 ? adminUrl.length() : query);
        return adminUrl.substring(0, hostEnd) + "/" + name + (query < 0 ? "" : adminUrl.substring(query));
    }

    private static void admin(String adminUrl, String sql) {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("admin statement failed: " + sql, e);
        }
    }

    private static EndpointManagerConfig.Database config(String url) {
        return new EndpointManagerConfig.Database(url, Optional.empty(), Optional.empty(), 4);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

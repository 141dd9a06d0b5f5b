package org.endpointmanager.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;
import org.endpointmanager.core.config.EndpointManagerConfig;
import org.endpointmanager.core.security.SecretBox;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The opened, migrated database and the stores over it.
 *
 * <p>SQLite gets a pool of exactly one connection: SQLite allows one writer at a time, and
 * queueing in the pool is kinder than {@code SQLITE_BUSY} under concurrent HTTP requests.
 * MySQL/MariaDB and PostgreSQL get a HikariCP pool of the configured size.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final String SCHEMA_HISTORY_TABLE = "endpoint_schema_history";

    /** The supported database kinds; the name in lower case is the migration folder. */
    public enum DbKind {
        /** SQLite through sqlite-jdbc (the default, a file in the data directory). */
        SQLITE,
        /** MySQL or MariaDB through MySQL Connector/J. */
        MYSQL,
        /** PostgreSQL through pgJDBC. */
        POSTGRESQL;

        /** Lower-case name, as used for the migration folder and in test names. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The kind a JDBC URL is for.
         *
         * @throws IllegalArgumentException naming {@code database.url} when it is none of ours
         */
        public static DbKind fromUrl(String url) {
            Objects.requireNonNull(url, "url is null");
            String u = url.strip().toLowerCase(Locale.ROOT);
            if (u.startsWith("jdbc:sqlite:")) {
                return SQLITE;
            }
            if (u.startsWith("jdbc:mysql:") || u.startsWith("jdbc:mariadb:")) {
                return MYSQL;
            }
            if (u.startsWith("jdbc:postgresql:")) {
                return POSTGRESQL;
            }
            // the URL itself is not echoed: it may carry a password parameter
            throw new IllegalArgumentException(
                    "database.url must start with jdbc:sqlite:, jdbc:mysql:, jdbc:mariadb: or jdbc:postgresql:");
        }
    }

    private final DbKind kind;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final SecretBox secrets;
    private final DeviceStore devices;
    private final SiteStore sites;
    private final TemplateStore templates;
    private final SettingsStore settings;
    private final AuditStore audit;
    private final FetchStore fetches;
    private final JobStore jobs;
    private final ChangeLog changes;
    private final Jdbi background;

    private Database(DbKind kind, HikariDataSource dataSource, SecretBox secrets) {
        this.kind = kind;
        this.dataSource = dataSource;
        this.secrets = secrets;
        this.jdbi = Jdbi.create(dataSource);
        Clock clock = Clock.systemUTC();
        // Rows read on every provisioning request are cached; writes announce themselves in the
        // change log, which every node polls (cluster.ClusterSync) to drop what it cached.
        // a Jdbi of its own for housekeeping that runs on timers (change log polls, lease renewals),
        // so what a request costs can be measured on jdbi() alone
        this.background = Jdbi.create(dataSource);
        this.changes = new ChangeLog(background, jdbi, nodeId(), clock);
        this.devices = new CachingDeviceStore(new JdbiDeviceStore(jdbi, secrets, clock), changes, 100_000);
        this.sites = new CachingSiteStore(new JdbiSiteStore(jdbi, clock), changes);
        this.templates = new CachingTemplateStore(new JdbiTemplateStore(jdbi, clock), changes);
        this.settings = new RecordingSettingsStore(new JdbiSettingsStore(jdbi, kind), changes);
        this.audit = new JdbiAuditStore(jdbi);
        this.fetches = new BatchingFetchStore(jdbi, kind, java.time.Duration.ofMillis(200), 500);
        this.jobs = new JdbiJobStore(jdbi);
    }

    /**
     * Connects, runs the migrations of {@code classpath:db/migration/<kind>} and returns the stores.
     *
     * @param config the {@code [database]} section
     * @param dataDirectory where a relative SQLite file is placed
     * @param secrets encrypts line passwords
     * @throws IllegalArgumentException naming {@code database.url} when the URL is not supported
     */
    public static Database open(EndpointManagerConfig.Database config, Path dataDirectory, SecretBox secrets) {
        Objects.requireNonNull(config, "config is null");
        Objects.requireNonNull(dataDirectory, "dataDirectory is null");
        Objects.requireNonNull(secrets, "secrets is null");
        Objects.requireNonNull(config.url(), "database.url is null");
        DbKind kind = DbKind.fromUrl(config.url());

        HikariConfig pool = new HikariConfig();
        pool.setPoolName("endpoint-manager-" + kind.id());
        switch (kind) {
            case SQLITE -> {
                pool.setDriverClassName("org.sqlite.JDBC");
                pool.setJdbcUrl(JdbcUrls.sqlite(config.url().strip(), dataDirectory));
                pool.setMaximumPoolSize(1);
                pool.setMinimumIdle(1);
            }
            case MYSQL -> {
                JdbcUrls.MysqlDriver driver = JdbcUrls.mysqlDriver(config.url().strip());
                pool.setDriverClassName(driver.driverClass());
                pool.setJdbcUrl(driver.url());
                pool.setMaximumPoolSize(poolSize(config));
            }
            case POSTGRESQL -> {
                pool.setDriverClassName("org.postgresql.Driver");
                pool.setJdbcUrl(config.url().strip());
                pool.setMaximumPoolSize(poolSize(config));
            }
            default -> throw new IllegalStateException("unhandled kind " + kind);
        }
        if (kind != DbKind.SQLITE) {
            config.username().ifPresent(pool::setUsername);
            config.password().ifPresent(p -> pool.setPassword(p.reveal()));
        }

        HikariDataSource dataSource = new HikariDataSource(pool);
        try {
            MigrateResult result = migrate(dataSource, kind);
            LOG.info("database ready: kind={} migrationsApplied={} schemaVersion={}",
                    kind.id(), result.migrationsExecuted, result.targetSchemaVersion);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(kind, dataSource, secrets);
    }

    private static int poolSize(EndpointManagerConfig.Database config) {
        return config.maxPoolSize() > 0 ? config.maxPoolSize() : 10;
    }

    private static MigrateResult migrate(DataSource dataSource, DbKind kind) {
        return Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + kind.id())
                // own history table and baseline at 0: the schema may be shared with the host's tables
                .table(SCHEMA_HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    /** Which database this is. */
    public DbKind kind() {
        return kind;
    }

    /** Jdbi over the pool, for stores added later. */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** The box that encrypts secrets stored in this database. */
    public SecretBox secrets() {
        return secrets;
    }

    /** Devices and their lines. */
    public DeviceStore devices() {
        return devices;
    }

    /** Sites. */
    public SiteStore sites() {
        return sites;
    }

    /** Templates. */
    public TemplateStore templates() {
        return templates;
    }

    /** Admin settings. */
    public SettingsStore settings() {
        return settings;
    }

    /** The audit log. */
    public AuditStore audit() {
        return audit;
    }

    /** Fetch records. */
    public FetchStore fetches() {
        return fetches;
    }

    /** Jobs. */
    public JobStore jobs() {
        return jobs;
    }

    /** Jdbi over the same pool for work on timers (the cluster's polls and leases). */
    public Jdbi background() {
        return background;
    }

    /** The change log other nodes learn of this node's writes from. */
    public ChangeLog changes() {
        return changes;
    }

    /** The connection pool (its metrics are published). */
    public HikariDataSource dataSource() {
        return dataSource;
    }

    private static String nodeId() {
        // no DNS lookup at start-up: the environment's host name or a plain word
        String host = java.util.Optional.ofNullable(System.getenv("HOSTNAME")).orElse("node");
        host = host.replaceAll("[^A-Za-z0-9.\\-]", "");
        if (host.length() > 40) {
            host = host.substring(0, 40);
        }
        return host + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    /** Writes queued fetch records and closes the connection pool. */
    @Override
    public void close() {
        ((BatchingFetchStore) fetches).close();
        dataSource.close();
    }
}

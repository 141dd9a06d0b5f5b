package org.endpointmanager.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Turns the configured JDBC URL into the one handed to the driver. */
final class JdbcUrls {
    private static final String SQLITE_PREFIX = "jdbc:sqlite:";
    private static final String[][] SQLITE_DEFAULTS = {
        {"journal_mode", "WAL"}, {"busy_timeout", "5000"}, {"foreign_keys", "true"},
        // transactions take the write lock when they begin: a deferred one that reads and then writes
        // fails at once with SQLITE_BUSY_SNAPSHOT (no busy wait) when another process wrote between,
        // as a second node on the same file does
        {"transaction_mode", "IMMEDIATE"},
    };

    /** The driver class and URL for MySQL/MariaDB. */
    record MysqlDriver(String driverClass, String url) {
    }

    private JdbcUrls() {
    }

    /**
     * Resolves a relative SQLite file against the data directory (creating directories) and adds
     * WAL, a busy timeout, foreign keys and immediate transactions unless the URL sets them itself.
     */
    static String sqlite(String url, Path dataDirectory) {
        String rest = url.substring(SQLITE_PREFIX.length());
        int q = rest.indexOf('?');
        String location = q < 0 ? rest : rest.substring(0, q);
        String query = q < 0 ? "" : rest.substring(q + 1);
        if (location.isEmpty()) {
            throw new IllegalArgumentException("database.url names no SQLite file");
        }
        boolean special = location.startsWith(":memory:") || location.startsWith("file:")
                || location.startsWith(":resource:");
        if (!special) {
            Path file = Path.of(location);
            if (!file.isAbsolute()) {
                file = dataDirectory.resolve(file);
            }
            file = file.toAbsolutePath().normalize();
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the directory of the SQLite file " + file, e);
            }
            location = file.toString();
        }
        Set<String> given = new HashSet<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                given.add((eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT));
            }
        }
        StringBuilder params = new StringBuilder(query);
        for (String[] d : SQLITE_DEFAULTS) {
            if (!given.contains(d[0])) {
                if (params.length() > 0) {
                    params.append('&');
                }
                params.append(d[0]).append('=').append(d[1]);
            }
        }
        return SQLITE_PREFIX + location + "?" + params;
    }

    /**
     * MySQL Connector/J for {@code jdbc:mysql:}; for {@code jdbc:mariadb:} the MariaDB driver
     * when the host put it on the class path, else Connector/J (which speaks to MariaDB too).
     */
    static MysqlDriver mysqlDriver(String url) {
        String mysql = "com.mysql.cj.jdbc.Driver";
        if (url.toLowerCase(Locale.ROOT).startsWith("jdbc:mariadb:")) {
            String mariadb = "org.mariadb.jdbc.Driver";
            if (classAvailable(mariadb)) {
                return new MysqlDriver(mariadb, url);
            }
            return new MysqlDriver(mysql, "jdbc:mysql:" + url.substring("jdbc:mariadb:".length()));
        }
        return new MysqlDriver(mysql, url);
    }

    private static boolean classAvailable(String name) {
        try {
            Class.forName(name, false, JdbcUrls.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}

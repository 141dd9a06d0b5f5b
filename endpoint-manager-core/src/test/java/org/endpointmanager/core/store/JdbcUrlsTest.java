package org.endpointmanager.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.endpointmanager.core.store.Database.DbKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcUrlsTest {

    @Test
    void kindComesFromTheUrl() {
        assertEquals(DbKind.SQLITE, DbKind.fromUrl("jdbc:sqlite:endpoint-manager.db"));
        assertEquals(DbKind.MYSQL, DbKind.fromUrl("jdbc:mysql://db:3306/em"));
        assertEquals(DbKind.MYSQL, DbKind.fromUrl("jdbc:mariadb://db:3306/em"));
        assertEquals(DbKind.POSTGRESQL, DbKind.fromUrl("jdbc:postgresql://db/em"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DbKind.fromUrl("jdbc:oracle:thin:@db?password=hunter2"));
        assertTrue(e.getMessage().contains("database.url"));
        assertFalse(e.getMessage().contains("hunter2"), "the URL may hold a password");
    }

    @Test
    void relativeSqliteFileIsResolvedAgainstTheDataDirectoryWithDefaults(@TempDir Path dir) {
        String url = JdbcUrls.sqlite("jdbc:sqlite:data/em.db", dir);
        Path file = dir.resolve("data/em.db").toAbsolutePath().normalize();
        assertEquals("jdbc:sqlite:" + file + "?journal_mode=WAL&busy_timeout=5000&foreign_keys=true&transaction_mode=IMMEDIATE", url);
        assertTrue(Files.isDirectory(file.getParent()));
    }

    @Test
    void sqliteParametersGivenInTheUrlWin(@TempDir Path dir) {
        Path abs = dir.resolve("x.db").toAbsolutePath();
        assertEquals("jdbc:sqlite:" + abs + "?busy_timeout=100&journal_mode=WAL&foreign_keys=true&transaction_mode=IMMEDIATE",
                JdbcUrls.sqlite("jdbc:sqlite:" + abs + "?busy_timeout=100", Path.of("/elsewhere")));
    }

    @Test
    void mariadbUrlFallsBackToConnectorJ() {
        JdbcUrls.MysqlDriver d = JdbcUrls.mysqlDriver("jdbc:mariadb://db:3306/em?user=a");
        assertEquals("com.mysql.cj.jdbc.Driver", d.driverClass());
        assertEquals("jdbc:mysql://db:3306/em?user=a", d.url());
    }

    @Test
    void testAdminUrlGetsTheDatabaseName() {
        assertEquals("jdbc:mysql://127.0.0.1:3306/em_t_1?user=emtest&password=emtest",
                TestDatabases.withDatabase("jdbc:mysql://127.0.0.1:3306/?user=emtest&password=emtest", "em_t_1"));
        assertEquals("jdbc:postgresql://127.0.0.1:5432/em_t_1?user=postgres",
                TestDatabases.withDatabase("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres", "em_t_1"));
        assertEquals("jdbc:postgresql://h/em_t_1", TestDatabases.withDatabase("jdbc:postgresql://h", "em_t_1"));
    }
}

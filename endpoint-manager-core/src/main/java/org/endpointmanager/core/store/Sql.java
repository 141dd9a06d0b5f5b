package org.endpointmanager.core.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/** Small pieces the Jdbi stores share. */
final class Sql {
    /** The escape character of every LIKE pattern built here; not a backslash, which MySQL treats specially. */
    static final String LIKE_ESCAPE = "!";

    private Sql() {
    }

    /** A LIKE pattern matching {@code text} literally anywhere. */
    static String contains(String text) {
        return "%" + escapeLike(text) + "%";
    }

    /** A LIKE pattern matching values that start with {@code text} literally. */
    static String startsWith(String text) {
        return escapeLike(text) + "%";
    }

    private static String escapeLike(String text) {
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '!' || c == '%' || c == '_') {
                b.append('!');
            }
            b.append(c);
        }
        return b.toString();
    }

    static long millis(Instant at) {
        return at.toEpochMilli();
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return Instant.ofEpochMilli(rs.getLong(column));
    }

    static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
    }

    static Optional<String> optionalString(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    static Optional<Integer> optionalInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }

    static void checkPage(int offset, int limit) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1..1000");
        }
    }

    /** Whether a row with this id exists in a table (table names are constants of the stores). */
    static boolean exists(Handle h, String table, String id) {
        return h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE id = :id")
                .bind("id", id).mapTo(Long.class).one() > 0;
    }

    /**
     * Runs a write, turning a constraint violation that slipped past the in-transaction checks
     * (two writers racing) into the store's own error.
     */
    static <T> T translate(Supplier<T> work, String duplicateMessage, StoreException.Kind foreignKeyKind,
            String foreignKeyMessage) {
        try {
            return work.get();
        } catch (JdbiException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new StoreException(StoreException.Kind.DUPLICATE, duplicateMessage);
            }
            if (SqlErrors.isForeignKeyViolation(e)) {
                throw new StoreException(foreignKeyKind, foreignKeyMessage);
            }
            throw e;
        }
    }
}

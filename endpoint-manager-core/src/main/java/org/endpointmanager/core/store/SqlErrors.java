package org.endpointmanager.core.store;

import java.sql.SQLException;
import java.util.Locale;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Recognises constraint violations from the three drivers. The stores check uniqueness and
 * references inside their transaction first; this is the net for two writers racing.
 */
final class SqlErrors {
    private static final int MYSQL_DUPLICATE_KEY = 1062;
    private static final int MYSQL_ROW_IS_REFERENCED = 1451;
    private static final int MYSQL_NO_REFERENCED_ROW = 1452;
    private static final int MYSQL_ROW_IS_REFERENCED_OLD = 1217;
    private static final int MYSQL_NO_REFERENCED_ROW_OLD = 1216;

    private SqlErrors() {
    }

    /** A unique or primary key was violated. */
    static boolean isUniqueViolation(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException s) {
                SQLiteErrorCode code = s.getResultCode();
                if (code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                        || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY) {
                    return true;
                }
                String m = lower(s.getMessage());
                if (m.contains("unique constraint failed") || m.contains("primary key")) {
                    return true;
                }
            } else if (t instanceof SQLException e) {
                if ("23505".equals(e.getSQLState()) || e.getErrorCode() == MYSQL_DUPLICATE_KEY) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A foreign key was violated (a missing parent, or a parent still referenced). */
    static boolean isForeignKeyViolation(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException s) {
                if (s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY
                        || lower(s.getMessage()).contains("foreign key constraint failed")) {
                    return true;
                }
            } else if (t instanceof SQLException e) {
                int c = e.getErrorCode();
                if ("23503".equals(e.getSQLState()) || c == MYSQL_ROW_IS_REFERENCED || c == MYSQL_NO_REFERENCED_ROW
                        || c == MYSQL_ROW_IS_REFERENCED_OLD || c == MYSQL_NO_REFERENCED_ROW_OLD) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}

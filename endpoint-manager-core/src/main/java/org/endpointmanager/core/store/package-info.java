/**
 * Persistence: Flyway-migrated tables on SQLite, MySQL/MariaDB or PostgreSQL, read and written
 * with Jdbi. Secrets are encrypted by the stores themselves, so no caller can forget to.
 */
package org.endpointmanager.core.store;

/**
 * Admin-changeable settings: one source of truth in the database, seeded from the TOML on first
 * start, validated when saved, applied without a restart.
 */
package org.endpointmanager.core.settings;

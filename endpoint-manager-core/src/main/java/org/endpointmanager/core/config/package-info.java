/**
 * The add-on's own configuration file, {@code endpoint_manager.toml}: parsed once at start into
 * typed records and validated; unknown keys and invalid values stop start-up with a message that
 * names the key. It holds listeners, the database location and where secrets live; everything an
 * admin changes at runtime lives in the database ({@code org.endpointmanager.core.settings}).
 */
package org.endpointmanager.core.config;

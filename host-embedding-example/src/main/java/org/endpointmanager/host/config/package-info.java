/** The host's own configuration file, {@code proxy.toml}, parsed once into validated records. */
package org.endpointmanager.host.config;

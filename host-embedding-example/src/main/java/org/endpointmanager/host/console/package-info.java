/** Console authentication over the tokens and users of {@code proxy.toml}. */
package org.endpointmanager.host.console;

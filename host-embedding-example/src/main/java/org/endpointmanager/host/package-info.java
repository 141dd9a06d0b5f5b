/**
 * A small runnable PBX host: reads {@code proxy.toml}, lends add-ons its extensions, console
 * authentication and registrations through {@link org.endpointmanager.api.host.HostContext}, and
 * starts those found by {@link java.util.ServiceLoader} on the class path or in
 * {@code <config>/plugins/}.
 */
package org.endpointmanager.host;

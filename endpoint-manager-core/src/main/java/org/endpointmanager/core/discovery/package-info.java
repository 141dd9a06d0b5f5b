/**
 * Discovery: phones that asked for provisioning (PnP, HTTP/TFTP misses, registrations) but are not
 * devices yet, kept in {@code endpoint_discovery} until an admin adopts or dismisses them.
 */
package org.endpointmanager.core.discovery;

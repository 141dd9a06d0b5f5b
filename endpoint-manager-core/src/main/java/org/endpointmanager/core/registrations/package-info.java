/**
 * Who is registered: the host registrar's bindings kept in a shared table with TTL expiry, the
 * device type read from the User-Agent, and the console's {@code /registrations} views (seed 003).
 */
package org.endpointmanager.core.registrations;

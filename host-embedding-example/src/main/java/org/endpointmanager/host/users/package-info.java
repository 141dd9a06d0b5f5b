/** The host's extensions, lent to add-ons as a {@link org.endpointmanager.api.host.UserDirectory}. */
package org.endpointmanager.host.users;

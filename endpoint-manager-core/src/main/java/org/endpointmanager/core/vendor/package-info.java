/** The vendor registry: finds {@link org.endpointmanager.api.vendor.VendorPlugin}s and answers by id or OUI. */
package org.endpointmanager.core.vendor;

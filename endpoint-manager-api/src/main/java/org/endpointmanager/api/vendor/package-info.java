/**
 * The vendor plug-in SPI. A vendor jar ships one {@link org.endpointmanager.api.vendor.VendorPlugin}
 * registered in {@code META-INF/services/org.endpointmanager.api.vendor.VendorPlugin}.
 */
package org.endpointmanager.api.vendor;

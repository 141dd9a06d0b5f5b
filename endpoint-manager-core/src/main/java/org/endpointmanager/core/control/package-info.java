/**
 * Phone control over the vendors' own HTTP APIs: the guarded outbound HTTP client lent to device
 * drivers, the per-phone {@link org.endpointmanager.core.control.DriverService}, the control
 * tables (credentials sealed at rest, last status, firmware push history) and the console routes.
 */
package org.endpointmanager.core.control;

/**
 * Serving phones: resolve a requested file to a vendor and device, assemble the effective
 * profile, render, validate, record the fetch. Every transport (HTTP, HTTPS, TFTP) goes through
 * {@link org.endpointmanager.core.provisioning.ProvisioningService}.
 */
package org.endpointmanager.core.provisioning;

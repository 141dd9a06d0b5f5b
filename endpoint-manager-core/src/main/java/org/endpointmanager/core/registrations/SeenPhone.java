package org.endpointmanager.core.registrations;

import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;

/**
 * A hardware phone that registered but is not provisioned here: what Discovery wants to hear.
 *
 * @param mac the MAC from its User-Agent
 * @param vendorId the vendor plug-in that recognised it
 * @param model the model, when named
 * @param sourceIp where it registered from
 * @param userAgent its User-Agent, bounded
 * @param extension the extension it registered as (the host's registrar accepted its credentials)
 */
public record SeenPhone(MacAddress mac, String vendorId, Optional<String> model, String sourceIp, String userAgent,
        String extension) {
    /** Rejects nulls. */
    public SeenPhone {
        Objects.requireNonNull(mac, "mac is null");
        Objects.requireNonNull(vendorId, "vendorId is null");
        Objects.requireNonNull(model, "model is null");
        Objects.requireNonNull(sourceIp, "sourceIp is null");
        Objects.requireNonNull(userAgent, "userAgent is null");
        Objects.requireNonNull(extension, "extension is null");
    }
}

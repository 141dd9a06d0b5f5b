package org.endpointmanager.testkit;

import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.vendor.FileKind;

/**
 * A request a vendor's phone really makes, with what the plug-in must make of it.
 *
 * @param fileName the file name as the phone asks for it
 * @param userAgent the User-Agent the phone sends (empty for TFTP)
 * @param expectedKind the kind the plug-in must recognise
 * @param expectedMac the MAC the plug-in must read from the name (empty when the name has none)
 */
public record BootRequest(String fileName, Optional<String> userAgent, FileKind expectedKind,
        Optional<MacAddress> expectedMac) {

    /** Rejects nulls. */
    public BootRequest {
        Objects.requireNonNull(fileName, "fileName is null");
        Objects.requireNonNull(userAgent, "userAgent is null");
        Objects.requireNonNull(expectedKind, "expectedKind is null");
        Objects.requireNonNull(expectedMac, "expectedMac is null");
    }

    /** A request with a User-Agent and an expected MAC. */
    public static BootRequest of(String fileName, String userAgent, FileKind kind, String mac) {
        return new BootRequest(fileName, Optional.of(userAgent), kind, Optional.of(MacAddress.parse(mac)));
    }

    /** A request with a User-Agent whose name carries no MAC. */
    public static BootRequest of(String fileName, String userAgent, FileKind kind) {
        return new BootRequest(fileName, Optional.of(userAgent), kind, Optional.empty());
    }
}

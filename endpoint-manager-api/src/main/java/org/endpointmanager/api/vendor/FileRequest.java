package org.endpointmanager.api.vendor;

import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;

/**
 * A request a plug-in recognised as one of its files.
 *
 * @param kind what the file is
 * @param fileName the file name as requested
 * @param mac the MAC named by the path (DEVICE files always have one)
 * @param model the model named by the path, when the file name carries one
 * @param identity what the User-Agent said, when it parsed
 */
public record FileRequest(FileKind kind, String fileName, Optional<MacAddress> mac,
        Optional<String> model, Optional<PhoneIdentity> identity) {

    /** Rejects nulls; a DEVICE file must name a MAC. */
    public FileRequest {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(fileName, "fileName is null");
        Objects.requireNonNull(mac, "mac is null");
        Objects.requireNonNull(model, "model is null");
        Objects.requireNonNull(identity, "identity is null");
        if (kind == FileKind.DEVICE && mac.isEmpty()) {
            throw new IllegalArgumentException("a DEVICE file request needs a MAC");
        }
    }

    /** The device's main configuration file, as served at {@code /provision/<mac>}. */
    public static FileRequest deviceConfig(MacAddress mac) {
        return new FileRequest(FileKind.DEVICE, mac.lower(), Optional.of(mac), Optional.empty(),
                Optional.empty());
    }
}

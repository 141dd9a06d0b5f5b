package org.endpointmanager.api.driver;

import java.util.Objects;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.Secret;

/**
 * The phone a driver talks to.
 *
 * @param mac the phone's MAC (drivers check the phone reports the same one)
 * @param address IP address or host name of the phone's management interface
 * @param port management port
 * @param username admin user name
 * @param password admin password
 */
public record DriverTarget(MacAddress mac, String address, int port, String username, Secret password) {
    /** Rejects nulls and bad ports. */
    public DriverTarget {
        Objects.requireNonNull(mac, "mac is null");
        Objects.requireNonNull(address, "address is null");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535");
        }
        Objects.requireNonNull(username, "username is null");
        Objects.requireNonNull(password, "password is null");
    }
}

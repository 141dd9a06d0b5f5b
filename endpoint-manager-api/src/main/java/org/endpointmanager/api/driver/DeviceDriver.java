package org.endpointmanager.api.driver;

import java.util.Map;

/**
 * Controls a phone over its own management API. Every call is blocking and bounded by the
 * timeouts of the {@link DriverContext}'s HTTP client; a driver never retries a failed login (a
 * phone locks its admin account after a few wrong attempts).
 */
public interface DeviceDriver {

    /** Reboots the phone. */
    DriverResult reboot(DriverTarget target);

    /** Resets the phone to factory defaults. */
    DriverResult factoryReset(DriverTarget target);

    /**
     * Writes settings to the phone.
     *
     * @param values vendor parameter codes to values
     * @param force write every value even when the phone already has it
     */
    DriverResult pushConfig(DriverTarget target, Map<String, String> values, boolean force);

    /** Points the phone at a firmware image and starts the upgrade. */
    DriverResult pushFirmware(DriverTarget target, String firmwareUrl);

    /** Reads the phone's status. */
    DeviceStatus pollStatus(DriverTarget target);
}

package org.endpointmanager.api.driver;

import java.util.Map;
import org.endpointmanager.api.vendor.RenderedFile;

/**
 * Controls a phone over its own management API. Every call is blocking and bounded by the
 * timeouts of the {@link DriverContext}'s HTTP client; a driver never retries a failed login (a
 * phone locks its admin account after a few wrong attempts).
 *
 * <p>Failures are thrown as {@link DriverException} with a {@link DriverFailure} code (wrong
 * credentials with the attempts left, locked, address refused, unreachable, ...); a returned
 * {@link DriverResult} is a success unless the driver says otherwise. A driver instance may keep
 * sessions to phones between calls and must be thread-safe.
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

    /**
     * The settings a rendered device configuration file carries, as the parameter codes
     * {@link #pushConfig} takes, in file order. Lets the engine push exactly what a phone would
     * fetch (template, per-device settings and raw parameters already merged).
     *
     * @param deviceFile the device's main configuration file, rendered and validated
     * @throws DriverException with {@link DriverFailure#UNSUPPORTED} when this driver cannot push
     *     configuration, or {@link DriverFailure#PROTOCOL} when the file cannot be read
     */
    default Map<String, String> configValues(RenderedFile deviceFile) {
        throw new DriverException(DriverFailure.UNSUPPORTED, "this driver cannot push configuration files");
    }

    /**
     * Forgets any session kept for the phone (for example after its credentials changed). The
     * default keeps none.
     */
    default void forget(DriverTarget target) {
    }
}

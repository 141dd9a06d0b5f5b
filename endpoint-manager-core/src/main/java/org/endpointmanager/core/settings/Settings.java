package org.endpointmanager.core.settings;

import java.util.List;
import java.util.Objects;
import org.endpointmanager.api.MacAddress;

/**
 * The admin settings in force (seed 002's PnP settings tab and seed 001's settings).
 *
 * @param provisionUrlBase the provisioning URL phones are given, without trailing slash
 * @param pbxHost the PBX's SIP address phones register to (seed 002 "Server Registration Address")
 * @param pbxPort the PBX's SIP port
 * @param macWhitelist MACs allowed to provision; empty = all known devices
 * @param macBlacklist MACs never served; wins over the whitelist
 * @param additionalParameters raw vendor parameters (INI text), merged last into every config
 * @param starCode the self-binding dial prefix, for example {@code *123*}
 * @param tftpEnabled TFTP listener on (when configured in the TOML)
 * @param pnpEnabled PnP listener on (when configured in the TOML)
 * @param enabled the add-on itself on (off: provisioning answers 404 to everything, like seed 002's toggle)
 * @param autoBind adopt unknown phones automatically (off by default)
 * @param debugLogging log every provisioning and PnP decision
 */
public record Settings(String provisionUrlBase, String pbxHost, int pbxPort, List<MacAddress> macWhitelist,
        List<MacAddress> macBlacklist, String additionalParameters, String starCode, boolean tftpEnabled,
        boolean pnpEnabled, boolean enabled, boolean autoBind, boolean debugLogging) {
    /** Rejects nulls and copies lists. */
    public Settings {
        Objects.requireNonNull(provisionUrlBase, "provisionUrlBase is null");
        Objects.requireNonNull(pbxHost, "pbxHost is null");
        macWhitelist = List.copyOf(macWhitelist);
        macBlacklist = List.copyOf(macBlacklist);
        Objects.requireNonNull(additionalParameters, "additionalParameters is null");
        Objects.requireNonNull(starCode, "starCode is null");
    }
}

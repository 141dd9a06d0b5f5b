package org.endpointmanager.core.security;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.core.settings.Settings;

/**
 * The one gate every provisioning request passes, whatever its transport. A refusal is never
 * visible to the client as such: callers answer it exactly like an unknown device.
 *
 * <p>Rules: the add-on must be enabled; a blacklisted MAC is refused; with a non-empty whitelist,
 * only listed MACs are served (seed 002: blacklist wins, both empty = every known device).
 */
public final class ProvisioningAccessPolicy {

    private final Supplier<Settings> settings;

    /** Creates the policy over the live settings. */
    public ProvisioningAccessPolicy(Supplier<Settings> settings) {
        this.settings = Objects.requireNonNull(settings, "settings is null");
    }

    /**
     * One request to judge.
     *
     * @param source the client address
     * @param mac the MAC the request names (path or User-Agent), when any
     * @param transport {@code http}, {@code https} or {@code tftp}
     */
    public record Attempt(InetAddress source, Optional<MacAddress> mac, String transport) {
        /** Rejects nulls. */
        public Attempt {
            Objects.requireNonNull(source, "source is null");
            Objects.requireNonNull(mac, "mac is null");
            Objects.requireNonNull(transport, "transport is null");
        }
    }

    /**
     * The verdict.
     *
     * @param allowed whether to serve
     * @param reason why not (for the operator's log line), or {@code allowed}
     */
    public record Decision(boolean allowed, String reason) {
        static final Decision ALLOW = new Decision(true, "allowed");

        static Decision deny(String reason) {
            return new Decision(false, reason);
        }
    }

    /** Judges one request. */
    public Decision check(Attempt attempt) {
        Settings s = settings.get();
        if (!s.enabled()) {
            return Decision.deny("add-on disabled in settings");
        }
        if (attempt.mac().isPresent()) {
            MacAddress mac = attempt.mac().get();
            if (s.macBlacklist().contains(mac)) {
                return Decision.deny("MAC on blacklist");
            }
            if (!s.macWhitelist().isEmpty() && !s.macWhitelist().contains(mac)) {
                return Decision.deny("MAC not on whitelist");
            }
        }
        return Decision.ALLOW;
    }
}

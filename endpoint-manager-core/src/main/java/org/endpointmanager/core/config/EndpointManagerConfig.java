package org.endpointmanager.core.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.Secret;

/**
 * The whole of {@code endpoint_manager.toml}, validated.
 *
 * @param provisionUrlBase the provisioning URL phones are given (seed 001), seeds the settings
 *     table on first start
 * @param http the provisioning/console HTTP listener
 * @param database where devices live
 * @param secrets where the encryption key lives
 * @param sip the add-on's own SIP listening point (used when the host lends no SIP sender)
 * @param pnp SIP multicast Plug-and-Play listener
 * @param tftp TFTP listener
 * @param provisioning provisioning access policy
 * @param control outbound control (device drivers, scans)
 * @param firmware firmware repository limits
 * @param tls HTTPS
 */
public record EndpointManagerConfig(
        String provisionUrlBase,
        Http http,
        Database database,
        Secrets secrets,
        Sip sip,
        Pnp pnp,
        Tftp tftp,
        Provisioning provisioning,
        Control control,
        Firmware firmware,
        Tls tls) {

    /** Rejects nulls. */
    public EndpointManagerConfig {
        Objects.requireNonNull(provisionUrlBase, "provisionUrlBase is null");
        Objects.requireNonNull(http, "http is null");
        Objects.requireNonNull(database, "database is null");
        Objects.requireNonNull(secrets, "secrets is null");
        Objects.requireNonNull(sip, "sip is null");
        Objects.requireNonNull(pnp, "pnp is null");
        Objects.requireNonNull(tftp, "tftp is null");
        Objects.requireNonNull(provisioning, "provisioning is null");
        Objects.requireNonNull(control, "control is null");
        Objects.requireNonNull(firmware, "firmware is null");
        Objects.requireNonNull(tls, "tls is null");
    }

    /**
     * {@code [http]}.
     *
     * @param enabled whether the add-on opens its own listener ({@code false} when mounted into a host's Javalin)
     * @param bind bind address, default {@code 0.0.0.0}
     * @param port port, default {@code 8080}; 0 picks a free port (tests)
     */
    public record Http(boolean enabled, String bind, int port) {
    }

    /**
     * {@code [database]}.
     *
     * @param url JDBC URL; a relative SQLite path is resolved against the data directory.
     *     Default {@code jdbc:sqlite:endpoint-manager.db}
     * @param username user, for MySQL/PostgreSQL
     * @param password password, for MySQL/PostgreSQL
     * @param maxPoolSize connection pool size for MySQL/PostgreSQL (SQLite uses one writer)
     */
    public record Database(String url, Optional<String> username, Optional<Secret> password, int maxPoolSize) {
    }

    /**
     * {@code [secrets]}.
     *
     * @param keyFile AES key file, relative to the data directory; created 0600 on first start.
     *     Default {@code secret.key}
     * @param keyEnv name of an environment variable holding the base64 key instead of a file.
     *     Default {@code EM_SECRET_KEY}
     */
    public record Secrets(Path keyFile, String keyEnv) {
    }

    /**
     * {@code [sip]}.
     *
     * @param bind bind address, default {@code 0.0.0.0}
     * @param port UDP port, default {@code 5090}; 0 picks a free port
     * @param t1Millis RFC 3261 timer T1, default 500
     * @param transactionTimeoutMillis how long a NOTIFY may stay unanswered (64*T1 by default)
     */
    public record Sip(String bind, int port, long t1Millis, long transactionTimeoutMillis) {
    }

    /**
     * {@code [pnp]}.
     *
     * @param enabled whether the multicast listener starts (off by default)
     * @param group multicast group, default {@code 224.0.1.75}
     * @param port UDP port, default {@code 5060}
     * @param interfaces network interface names to join on; empty = the default interface
     */
    public record Pnp(boolean enabled, String group, int port, List<String> interfaces) {
        /** Copies the list. */
        public Pnp {
            interfaces = List.copyOf(interfaces);
        }
    }

    /**
     * {@code [tftp]}.
     *
     * @param enabled whether the TFTP server starts (off by default)
     * @param bind bind address, default {@code 0.0.0.0}
     * @param port UDP port, default 69
     */
    public record Tftp(boolean enabled, String bind, int port) {
    }

    /**
     * {@code [provisioning]}.
     *
     * @param allowedSubnets CIDRs phones may fetch from without token or signature; empty = any
     * @param signingKey HMAC key for signed URLs and tokens; absent disables them
     * @param requireSignature refuse requests from outside allowedSubnets without token/signature
     * @param lockoutMisses misses from one address within the window before lock-out
     * @param lockoutWindowSeconds the counting window
     * @param lockoutSeconds how long an address stays locked out
     */
    public record Provisioning(List<String> allowedSubnets, Optional<Secret> signingKey, boolean requireSignature,
            int lockoutMisses, int lockoutWindowSeconds, int lockoutSeconds) {
        /** Copies the list. */
        public Provisioning {
            allowedSubnets = List.copyOf(allowedSubnets);
        }
    }

    /**
     * {@code [control]}.
     *
     * @param allowedSubnets CIDRs device drivers and scans may reach
     * @param allowLoopback whether loopback targets are allowed (simulators in tests)
     */
    public record Control(List<String> allowedSubnets, boolean allowLoopback) {
        /** Copies the list. */
        public Control {
            allowedSubnets = List.copyOf(allowedSubnets);
        }
    }

    /**
     * {@code [firmware]}.
     *
     * @param maxFileMb largest firmware file, default 80
     * @param maxTotalMb all firmware files together, default 300
     */
    public record Firmware(int maxFileMb, int maxTotalMb) {
    }

    /**
     * {@code [tls]}.
     *
     * @param keystore PEM or PKCS12 key store path; absent = no HTTPS
     * @param keystorePassword key store password
     * @param httpsPort HTTPS port, default 8443
     * @param httpEnabled keep plain HTTP open when HTTPS is on (for phones that need it)
     */
    public record Tls(Optional<Path> keystore, Optional<Secret> keystorePassword, int httpsPort, boolean httpEnabled) {
    }
}

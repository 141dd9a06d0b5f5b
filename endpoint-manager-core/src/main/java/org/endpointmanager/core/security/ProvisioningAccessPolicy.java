package org.endpointmanager.core.security;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.Secret;
import org.endpointmanager.api.vendor.FileKind;
import org.endpointmanager.core.config.EndpointManagerConfig;
import org.endpointmanager.core.settings.Settings;

/**
 * The one gate every provisioning request passes, whatever its transport (HTTP, HTTPS, TFTP). A
 * refusal is never visible to the client as such: callers answer it exactly like an unknown device.
 *
 * <p>Rules, in order:
 * <ol>
 *   <li>A locked-out address is refused before anything else ({@link #lockedOut}, no database).</li>
 *   <li>The add-on must be enabled; a blacklisted MAC is refused; with a non-empty whitelist only
 *       listed MACs are served (seed 002).</li>
 *   <li>Whatever the request presents must be right: a signature that does not verify, a token no
 *       device holds (or another device's), or wrong HTTP credentials refuse it outright.</li>
 *   <li>A device with HTTP credentials gets its own files only with them (or with a signed URL).</li>
 *   <li>A valid signature, token or credentials admit the request from any address.</li>
 *   <li>Otherwise the address must be listed: inside {@code [provisioning] allowed_subnets} (empty =
 *       any) and inside the device's site's subnets (empty = any) (seed 000: an unlisted address
 *       without token or signature gets 404 even for a known MAC).</li>
 *   <li>With {@code require_signature}, a listed address without signature, token or credentials
 *       gets only files without secrets (BOOT, COMMON): this is all TFTP ever gets then.</li>
 * </ol>
 */
public final class ProvisioningAccessPolicy {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_\\-]{22,128}");

    private final Supplier<Settings> settings;
    private final List<Cidr> allowedSubnets;
    private final Optional<UrlSigner> signer;
    private final boolean requireSignature;
    private final Optional<DeviceAccessStore> access;
    private final Function<MacAddress, List<Cidr>> siteSubnets;
    private final SourceThrottle throttle;
    private final HttpAuthenticator http;
    private final Clock clock;

    /** A policy with MAC lists only and default lock-out limits (tests, embedders without a store). */
    public ProvisioningAccessPolicy(Supplier<Settings> settings) {
        this(settings, new EndpointManagerConfig.Provisioning(List.of(), Optional.empty(), false, 20, 60, 600),
                Optional.empty(), mac -> List.of(), Clock.systemUTC());
    }

    /**
     * The full policy.
     *
     * @param settings live settings (MAC lists, enabled)
     * @param config {@code [provisioning]}
     * @param access per-device tokens and credentials
     * @param siteSubnets the subnets of a device's site (empty list = any, or no such device)
     * @param clock time source for signatures, nonces and lock-outs
     */
    public ProvisioningAccessPolicy(Supplier<Settings> settings, EndpointManagerConfig.Provisioning config,
            Optional<DeviceAccessStore> access, Function<MacAddress, List<Cidr>> siteSubnets, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings is null");
        Objects.requireNonNull(config, "config is null");
        this.allowedSubnets = config.allowedSubnets().stream().map(Cidr::parse).toList();
        this.signer = config.signingKey().map(UrlSigner::new);
        this.requireSignature = config.requireSignature();
        this.access = Objects.requireNonNull(access, "access is null");
        this.siteSubnets = Objects.requireNonNull(siteSubnets, "siteSubnets is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.throttle = new SourceThrottle(new SourceThrottle.Limits("provision", config.lockoutMisses(),
                Duration.ofSeconds(config.lockoutWindowSeconds()), Duration.ofSeconds(config.lockoutSeconds()), 50_000,
                Duration.ofMillis(50)), this::allowListed, clock);
        this.http = new HttpAuthenticator(clock, Duration.ofMinutes(5), 20_000);
    }

    /**
     * What a request carries besides its file name.
     *
     * @param token the token path segment of {@code /provision/t/<token>/<file>}
     * @param expires the {@code exp} query parameter
     * @param signature the {@code sig} query parameter
     * @param authorization the {@code Authorization} header
     * @param method HTTP method ({@code GET} for TFTP)
     * @param requestUri the request target as sent, for Digest
     */
    public record Presented(Optional<String> token, Optional<String> expires, Optional<String> signature,
            Optional<String> authorization, String method, String requestUri) {
        /** Nothing presented (TFTP, plain requests). */
        public static final Presented NONE = new Presented(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), "GET", "");

        /** Rejects nulls. */
        public Presented {
            Objects.requireNonNull(token, "token is null");
            Objects.requireNonNull(expires, "expires is null");
            Objects.requireNonNull(signature, "signature is null");
            Objects.requireNonNull(authorization, "authorization is null");
            Objects.requireNonNull(method, "method is null");
            Objects.requireNonNull(requestUri, "requestUri is null");
        }
    }

    /**
     * One request to judge.
     *
     * @param source the client address
     * @param mac the MAC the request names (path or User-Agent), when any
     * @param transport {@code http}, {@code https} or {@code tftp}
     * @param kind what kind of file was recognised
     * @param fileName the file name (what a signature covers)
     * @param presented token, signature, credentials
     */
    public record Attempt(InetAddress source, Optional<MacAddress> mac, String transport, FileKind kind,
            String fileName, Presented presented) {
        /** Rejects nulls. */
        public Attempt {
            Objects.requireNonNull(source, "source is null");
            Objects.requireNonNull(mac, "mac is null");
            Objects.requireNonNull(transport, "transport is null");
            Objects.requireNonNull(kind, "kind is null");
            Objects.requireNonNull(fileName, "fileName is null");
            Objects.requireNonNull(presented, "presented is null");
        }

        /** A device file request with nothing presented. */
        public Attempt(InetAddress source, Optional<MacAddress> mac, String transport) {
            this(source, mac, transport, FileKind.DEVICE, "", Presented.NONE);
        }
    }

    /**
     * The verdict.
     *
     * @param allowed whether to serve
     * @param reason why (for the operator's log line)
     * @param tokenDevice the device whose current token admitted the request (its previous token is
     *     dropped once the file is served)
     */
    public record Decision(boolean allowed, String reason, Optional<String> tokenDevice) {
        static final Decision ALLOW = new Decision(true, "allowed", Optional.empty());

        /** Rejects nulls. */
        public Decision {
            Objects.requireNonNull(reason, "reason is null");
            Objects.requireNonNull(tokenDevice, "tokenDevice is null");
        }

        /** A verdict without a token. */
        public Decision(boolean allowed, String reason) {
            this(allowed, reason, Optional.empty());
        }

        static Decision deny(String reason) {
            return new Decision(false, reason);
        }
    }

    /** True while the address is locked out: answer 404 without looking anything up. */
    public boolean lockedOut(InetAddress source) {
        return throttle.lockedOut(source);
    }

    /** How long to hold back the answer to this address (HTTP only; TFTP is not slowed). */
    public Duration delay(InetAddress source) {
        return throttle.delay(source);
    }

    /** Counts a miss (any 404) against the address. */
    public void recordMiss(InetAddress source) {
        throttle.miss(source);
    }

    /** The lock-out counter itself (several nodes share it through the database). */
    public SourceThrottle throttle() {
        return throttle;
    }

    /** The miss and lock-out counters. */
    public SourceThrottle.Stats stats() {
        return throttle.stats();
    }

    /** The Digest/Basic checker, whose challenges the HTTP route sends under {@code /provision/a/}. */
    public HttpAuthenticator httpAuthenticator() {
        return http;
    }

    /** The URL signer, when a signing key is configured. */
    public Optional<UrlSigner> signer() {
        return signer;
    }

    /** The served file was fetched with the device's current token: forget the previous one. */
    public void served(Decision decision) {
        decision.tokenDevice().ifPresent(id -> access.ifPresent(a -> a.confirmCurrent(id)));
    }

    /**
     * The base URL a device's own config hands it: {@code <base>/t/<current token>/} when it has a
     * token, else {@code <base>/}.
     */
    public String baseUrlFor(Optional<MacAddress> device, String base) {
        Optional<Secret> token = device.flatMap(m -> access.flatMap(a -> a.find(m))).flatMap(DeviceAccessStore.Access::token);
        return token.map(t -> base + "/t/" + t.reveal() + "/").orElse(base + "/");
    }

    /** The device's current token, for masking copies of what was served. */
    public Optional<Secret> tokenOf(MacAddress device) {
        return access.flatMap(a -> a.find(device)).flatMap(DeviceAccessStore.Access::token);
    }

    /** Whether the address is inside a non-empty {@code allowed_subnets} (exempt from lock-out). */
    public boolean allowListed(InetAddress source) {
        return !allowedSubnets.isEmpty() && allowedSubnets.stream().anyMatch(c -> c.contains(source));
    }

    /** Judges one request. */
    public Decision check(Attempt attempt) {
        Settings s = settings.get();
        if (!s.enabled()) {
            return Decision.deny("add-on disabled in settings");
        }
        Optional<MacAddress> mac = attempt.mac();
        if (mac.isPresent()) {
            if (s.macBlacklist().contains(mac.get())) {
                return Decision.deny("MAC on blacklist");
            }
            if (!s.macWhitelist().isEmpty() && !s.macWhitelist().contains(mac.get())) {
                return Decision.deny("MAC not on whitelist");
            }
        }
        Presented p = attempt.presented();
        boolean secretFile = attempt.kind() != FileKind.BOOT && attempt.kind() != FileKind.COMMON;
        String via = null;
        Optional<String> tokenDevice = Optional.empty();

        if (p.signature().isPresent() || p.expires().isPresent()) {
            if (signer.isEmpty() || !signer.get().verify(attempt.fileName(), p.expires().orElse(null),
                    p.signature().orElse(null), clock.instant())) {
                return Decision.deny("bad or expired signature");
            }
            via = "signature";
        }
        if (p.token().isPresent()) {
            String token = p.token().get();
            if (!TOKEN.matcher(token).matches() || access.isEmpty()) {
                return Decision.deny("bad token");
            }
            String hash = DeviceAccessStore.hash(token);
            Optional<DeviceAccessStore.Access> owner = access.get().findByTokenHash(hash);
            if (owner.isEmpty()) {
                return Decision.deny("bad token");
            }
            if (mac.isPresent() && !mac.get().equals(owner.get().mac())) {
                return Decision.deny("token of another device");
            }
            boolean current = owner.get().tokenHash().map(h -> java.security.MessageDigest.isEqual(
                    h.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    hash.getBytes(java.nio.charset.StandardCharsets.US_ASCII))).orElse(false);
            if (current && owner.get().previousTokenHash().isPresent()) {
                tokenDevice = Optional.of(owner.get().deviceId());
            }
            via = via == null ? (current ? "token" : "previous token") : via;
        }
        Optional<DeviceAccessStore.Access> deviceAccess = mac.flatMap(m -> access.flatMap(a -> a.find(m)));
        Optional<HttpAuthenticator.Presented> creds = p.authorization()
                .flatMap(h -> HttpAuthenticator.parse(h, "https".equals(attempt.transport())));
        boolean credentialsOk = false;
        if (creds.isPresent()) {
            // credentials count only where someone holds them: a phone that sends them everywhere is not punished
            Optional<DeviceAccessStore.Access> holder = (mac.isPresent() ? deviceAccess
                    : access.flatMap(a -> a.findByUsername(creds.get().username())))
                    .filter(DeviceAccessStore.Access::hasCredentials);
            if (holder.isPresent()) {
                if (!http.verify(creds.get(), holder.get().httpUsername().get(), holder.get().httpPassword().get(),
                        p.method(), p.requestUri())) {
                    return Decision.deny("wrong HTTP credentials");
                }
                credentialsOk = true;
                via = via == null ? "credentials" : via;
            }
        }
        if (!credentialsOk && secretFile && !"signature".equals(via)
                && deviceAccess.map(DeviceAccessStore.Access::hasCredentials).orElse(false)) {
            return Decision.deny("device requires HTTP credentials");
        }
        if (via != null) {
            return new Decision(true, "allowed by " + via, tokenDevice);
        }
        if (!allowedSubnets.isEmpty() && allowedSubnets.stream().noneMatch(c -> c.contains(attempt.source()))) {
            return Decision.deny("address not in provisioning.allowed_subnets");
        }
        if (mac.isPresent()) {
            List<Cidr> site = siteSubnets.apply(mac.get());
            if (!site.isEmpty() && site.stream().noneMatch(c -> c.contains(attempt.source()))) {
                return Decision.deny("address not in the site's subnets");
            }
        }
        if (requireSignature && secretFile) {
            return Decision.deny("require_signature: no signature, token or credentials");
        }
        return Decision.ALLOW;
    }
}

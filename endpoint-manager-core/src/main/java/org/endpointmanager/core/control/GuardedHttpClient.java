package org.endpointmanager.core.control;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.endpointmanager.api.driver.OutboundHttp;
import org.endpointmanager.core.security.Cidr;
import org.endpointmanager.core.security.OutboundAddressGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's outbound HTTP client, lent to device drivers.
 *
 * <p>For every request, and again for every redirect it follows (at most
 * {@value #MAX_REDIRECTS}), it resolves the host once, checks the address with the
 * {@link OutboundAddressGuard} against the site's subnets, and connects to exactly that address:
 * a name that resolves differently a moment later (DNS rebinding) is never looked up again. A
 * refused address throws {@link SecurityException} before any packet is sent to it. Cookies are
 * kept per host, IP literals included. Query strings are never logged (they carry session ids).
 */
public final class GuardedHttpClient implements OutboundHttp {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedHttpClient.class);
    private static final int MAX_REDIRECTS = 3;

    private final OutboundAddressGuard guard;
    private final Supplier<List<Cidr>> siteSubnets;
    private final HttpTimeouts limits;
    private final CookieJar cookies = new CookieJar();

    /**
     * Creates a client.
     *
     * @param guard the engine's guard
     * @param siteSubnets the subnets of the site whose phones this client talks to, read at each
     *     request so a site edit applies at once; empty means only {@code [control] allowed_subnets}
     * @param limits timeouts and the body cap
     */
    public GuardedHttpClient(OutboundAddressGuard guard, Supplier<List<Cidr>> siteSubnets, HttpTimeouts limits) {
        this.guard = Objects.requireNonNull(guard, "guard is null");
        this.siteSubnets = Objects.requireNonNull(siteSubnets, "siteSubnets is null");
        this.limits = Objects.requireNonNull(limits, "limits is null");
    }

    @Override
    public Response send(Request request) throws IOException {
        Objects.requireNonNull(request, "request is null");
        URI uri = request.uri();
        String method = request.method().toUpperCase(Locale.ROOT);
        Optional<byte[]> body = request.body();
        Map<String, String> headers = request.headers();
        for (int hop = 0; ; hop++) {
            checkScheme(uri);
            String host = HttpWire.hostOf(uri);
            InetAddress address = resolveChecked(host);
            Map<String, String> withCookies = new LinkedHashMap<>(headers);
            withCookies.keySet().removeIf(k -> k.equalsIgnoreCase("cookie"));
            cookies.header(host).ifPresent(c -> withCookies.put("Cookie", c));
            Response response = HttpWire.exchange(address, uri, method, withCookies, body, limits);
            cookies.store(host, response.headers().getOrDefault("set-cookie", List.of()));
            LOG.debug("outbound {} {}{} -> {}", method, host, uri.getRawPath(), response.status());
            Optional<String> location = response.header("location");
            if (!isRedirect(response.status()) || location.isEmpty()) {
                return response;
            }
            if (hop >= MAX_REDIRECTS) {
                throw new IOException("more than " + MAX_REDIRECTS + " redirects");
            }
            URI next;
            try {
                next = uri.resolve(new URI(location.get().strip()));
            } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                throw new IOException("redirect to an invalid location");
            }
            if (response.status() == 301 || response.status() == 302 || response.status() == 303) {
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    method = "GET";
                    body = Optional.empty();
                    headers = withoutContentType(headers);
                }
            }
            uri = next;
        }
    }

    private InetAddress resolveChecked(String host) throws IOException {
        List<Cidr> subnets = siteSubnets.get();
        Optional<byte[]> literal = Cidr.literal(host);
        if (literal.isPresent()) {
            InetAddress address = InetAddress.getByAddress(literal.get());
            guard.check(address, subnets);
            return address;
        }
        if (!host.matches("[A-Za-z0-9.\\-]{1,253}")) {
            throw new SecurityException("outbound host '" + host.replaceAll("[^ -~]", "?") + "' refused: not a host name");
        }
        return guard.resolve(host, subnets);
    }

    private static void checkScheme(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new SecurityException("outbound request refused: only http and https");
        }
        if (uri.getRawUserInfo() != null) {
            throw new SecurityException("outbound request refused: credentials in the URL");
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static Map<String, String> withoutContentType(Map<String, String> headers) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.keySet().removeIf(k -> k.equalsIgnoreCase("content-type"));
        return copy;
    }
}

package org.endpointmanager.core.provisioning;

import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.endpointmanager.core.security.HttpAuthenticator;
import org.endpointmanager.core.security.ProvisioningAccessPolicy;

/**
 * {@code GET|HEAD /provision/...}: seed 001's {@code /provision/{mac}} and every boot file name
 * the vendors' phones ask for, in three shapes:
 * <ul>
 *   <li>{@code /provision/<file>} (optionally {@code ?exp=<epoch>&sig=<hex>}, a signed URL);</li>
 *   <li>{@code /provision/t/<token>/<file>}: the base URL a device with a token keeps;</li>
 *   <li>{@code /provision/a/<file>}: the base URL for phones with HTTP credentials. Any request here
 *       without usable credentials gets the same 401 Digest challenge (plus Basic over TLS), whatever
 *       the file names, so the challenge says nothing about which MACs exist.</li>
 * </ul>
 * Firmware images are served under {@code /provision/firmware/<id>/<name>}, with byte ranges, as
 * phones resume large downloads. Every other path and every refusal is the same 404.
 */
public final class ProvisioningRoutes {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");

    private static final java.time.format.DateTimeFormatter HTTP_DATE =
            java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.withZone(java.time.ZoneOffset.UTC);

    /** Formatted Last-Modified values: whole seconds, shared by many cached files. Bounded. */
    private static final java.util.concurrent.ConcurrentHashMap<java.time.Instant, String> HTTP_DATES =
            new java.util.concurrent.ConcurrentHashMap<>();

    private ProvisioningRoutes() {
    }

    private static String httpDate(java.time.Instant t) {
        String known = HTTP_DATES.get(t);
        if (known == null) {
            known = HTTP_DATE.format(t);
            if (HTTP_DATES.size() >= 4096) {
                HTTP_DATES.clear();
            }
            HTTP_DATES.put(t, known);
        }
        return known;
    }

    /**
     * RFC 9110: If-None-Match decides when present (weak comparison is not needed: our tags are
     * strong); only without it does If-Modified-Since count, and only for a date not before the
     * time this node started serving the content. A malformed date is ignored.
     */
    static boolean notModified(ProvisioningService.Response r, String ifNoneMatch, String ifModifiedSince) {
        if (ifNoneMatch != null) {
            return r.etag().isPresent() && (ifNoneMatch.strip().equals("*") || java.util.Arrays.stream(ifNoneMatch.split(","))
                    .map(String::strip).anyMatch(r.etag().get()::equals));
        }
        if (ifModifiedSince == null || r.lastModified().isEmpty() || ifModifiedSince.length() > 64) {
            return false;
        }
        try {
            java.time.Instant since = java.time.ZonedDateTime.parse(ifModifiedSince.strip(),
                    java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return !r.lastModified().get().isAfter(since);
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    /** Mounts the routes onto a Javalin app (the add-on inside a host's app). */
    public static void mount(RoutesConfig routes, ProvisioningService service) {
        routes.get("/provision/<path>", ctx -> serve(new JavalinExchange(ctx), service));
        routes.head("/provision/<path>", ctx -> serve(new JavalinExchange(ctx), service));
    }

    /** Answers one {@code GET} or {@code HEAD} under {@code /provision/}, whichever layer carries it. */
    static void serve(ProvisioningExchange ex, ProvisioningService service) throws java.io.IOException {
        boolean head = "HEAD".equals(ex.method());
        InetAddress source = InetAddress.getByName(ex.remoteAddress());
        ProvisioningAccessPolicy policy = service.policy();
        boolean tls = ex.tls();
        String transport = tls ? "https" : "http";
        String path = ex.path();
        String[] parts = path.split("/", -1);
        Optional<String> token = Optional.empty();
        String file;
        boolean authSpace = false;
        if (parts.length == 1) {
            file = parts[0];
        } else if (parts.length == 3 && parts[0].equals("t")) {
            token = Optional.of(parts[1]);
            file = parts[2];
        } else if (parts.length == 3 && parts[0].equals("firmware")) {
            file = path; // firmware/<id>/<name>: the service checks the form
        } else if (parts.length == 2 && parts[0].equals("a")) {
            authSpace = true;
            file = parts[1];
        } else {
            file = "/"; // never a valid name: answered like any unknown file
        }
        Optional<String> authorization = Optional.ofNullable(ex.header("Authorization"));
        if (authSpace && !policy.lockedOut(source)) {
            HttpAuthenticator auth = policy.httpAuthenticator();
            boolean usable = authorization.flatMap(h -> HttpAuthenticator.parse(h, tls)).map(auth::nonceUsable).orElse(false);
            if (!usable) {
                ex.status(401);
                ex.header("Content-Type", "text/plain; charset=utf-8");
                ex.header("Cache-Control", "no-store");
                for (String c : auth.challenges(tls)) {
                    ex.addHeader("WWW-Authenticate", c);
                }
                send(ex, UNAUTHORIZED, head);
                return;
            }
        }
        Duration delay = policy.delay(source);
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        var presented = new ProvisioningAccessPolicy.Presented(token, ex.queryParam("exp"), ex.queryParam("sig"),
                authorization, ex.method(), ex.requestUri());
        ProvisioningService.Response r = service.serve(new ProvisioningService.Request(file,
                Optional.ofNullable(ex.header("User-Agent")), source, transport, presented));
        ex.status(r.status());
        ex.header("Content-Type", r.contentType());
        ex.header("Cache-Control", "no-store");
        r.etag().ifPresent(e -> ex.header("ETag", e));
        r.lastModified().ifPresent(t -> ex.header("Last-Modified", httpDate(t)));
        if (r.status() == 200 && notModified(r, ex.header("If-None-Match"), ex.header("If-Modified-Since"))) {
            ex.status(304);
            return;
        }
        if (r.file().isPresent()) {
            sendFile(ex, r, r.file().get(), head);
            return;
        }
        send(ex, r.body(), head);
    }

    private static final byte[] UNAUTHORIZED = "Unauthorized".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private static void send(ProvisioningExchange ex, byte[] body, boolean head) throws IOException {
        if (head) {
            ex.header("Content-Length", Integer.toString(body.length));
        } else {
            ex.body(body);
        }
    }

    /** Sends a file, honouring one byte range ({@code Range: bytes=a-b}, {@code a-}, {@code -n}). */
    private static void sendFile(ProvisioningExchange ctx, ProvisioningService.Response r, Path file, boolean head) throws IOException {
        long size = Files.size(file);
        long start = 0;
        long end = size - 1;
        ctx.header("Accept-Ranges", "bytes");
        String range = ctx.header("Range");
        String ifRange = ctx.header("If-Range");
        boolean rangeApplies = range != null && (ifRange == null || r.etag().map(ifRange::equals).orElse(false));
        if (rangeApplies) {
            Matcher m = RANGE.matcher(range.strip());
            // several ranges or an unknown unit: the whole file is a valid answer
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                try {
                    if (m.group(1).isEmpty()) {
                        long suffix = Long.parseLong(m.group(2));
                        start = Math.max(0, size - suffix);
                    } else {
                        start = Long.parseLong(m.group(1));
                        if (!m.group(2).isEmpty()) {
                            end = Math.min(end, Long.parseLong(m.group(2)));
                        }
                    }
                } catch (NumberFormatException e) {
                    start = size;
                }
                if (start >= size || start > end) {
                    ctx.status(416);
                    ctx.header("Content-Range", "bytes */" + size);
                    send(ctx, new byte[0], head);
                    return;
                }
                ctx.status(206);
                ctx.header("Content-Range", "bytes " + start + "-" + end + "/" + size);
            }
        }
        long length = end - start + 1;
        ctx.header("Content-Length", Long.toString(length));
        if (head) {
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(start);
            OutputStream out = ctx.stream();
            byte[] buf = new byte[64 * 1024];
            long left = length;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    break;
                }
                out.write(buf, 0, n);
                left -= n;
            }
            out.flush();
        }
    }
}


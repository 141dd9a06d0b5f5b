package org.endpointmanager.core.provisioning;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
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

    private ProvisioningRoutes() {
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

    /** Mounts the routes. */
    public static void mount(RoutesConfig routes, ProvisioningService service) {
        routes.get("/provision/<path>", ctx -> serve(ctx, service, false));
        routes.head("/provision/<path>", ctx -> serve(ctx, service, true));
    }

    private static void serve(Context ctx, ProvisioningService service, boolean head) throws java.io.IOException {
        InetAddress source = InetAddress.getByName(ctx.ip());
        ProvisioningAccessPolicy policy = service.policy();
        boolean tls = "https".equalsIgnoreCase(ctx.scheme());
        String transport = tls ? "https" : "http";
        String path = ctx.pathParam("path");
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
        Optional<String> authorization = Optional.ofNullable(ctx.header("Authorization"));
        if (authSpace && !policy.lockedOut(source)) {
            HttpAuthenticator auth = policy.httpAuthenticator();
            boolean usable = authorization.flatMap(h -> HttpAuthenticator.parse(h, tls)).map(auth::nonceUsable).orElse(false);
            if (!usable) {
                ctx.status(401);
                ctx.contentType("text/plain; charset=utf-8");
                ctx.header("Cache-Control", "no-store");
                for (String c : auth.challenges(tls)) {
                    ctx.res().addHeader("WWW-Authenticate", c);
                }
                if (!head) {
                    ctx.result("Unauthorized");
                }
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
        String query = ctx.queryString();
        String requestUri = ctx.req().getRequestURI() + (query == null ? "" : "?" + query);
        var presented = new ProvisioningAccessPolicy.Presented(token, Optional.ofNullable(ctx.queryParam("exp")),
                Optional.ofNullable(ctx.queryParam("sig")), authorization, ctx.method().name(), requestUri);
        ProvisioningService.Response r = service.serve(new ProvisioningService.Request(file,
                Optional.ofNullable(ctx.header("User-Agent")), source, transport, presented));
        ctx.status(r.status());
        ctx.contentType(r.contentType());
        ctx.header("Cache-Control", "no-store");
        r.etag().ifPresent(e -> ctx.header("ETag", e));
        r.lastModified().ifPresent(t -> ctx.header("Last-Modified", HTTP_DATE.format(t)));
        if (r.status() == 200 && notModified(r, ctx.header("If-None-Match"), ctx.header("If-Modified-Since"))) {
            ctx.status(304);
            return;
        }
        if (r.file().isPresent()) {
            sendFile(ctx, r, r.file().get(), head);
            return;
        }
        if (!head) {
            ctx.result(r.body());
        } else {
            ctx.header("Content-Length", Integer.toString(r.body().length));
        }
    }

    /** Sends a file, honouring one byte range ({@code Range: bytes=a-b}, {@code a-}, {@code -n}). */
    private static void sendFile(Context ctx, ProvisioningService.Response r, Path file, boolean head) throws IOException {
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
                    ctx.result(new byte[0]);
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
            OutputStream out = ctx.res().getOutputStream();
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


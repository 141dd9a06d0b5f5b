package org.endpointmanager.core.provisioning;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET|HEAD /provision/<file>}: seed 001's {@code /provision/{mac}} and every boot file name
 * the vendors' phones ask for, plus firmware images under {@code /provision/firmware/<id>/<name>}
 * (with byte ranges, as phones resume large downloads). Other deeper paths (tokens, signatures) are
 * answered here too, so every miss below {@code /provision/} looks the same.
 */
public final class ProvisioningRoutes {

    private static final Pattern FIRMWARE = Pattern.compile("firmware/[^/]{1,64}/[^/]{1,128}");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");

    private ProvisioningRoutes() {
    }

    /** Mounts the routes. */
    public static void mount(RoutesConfig routes, ProvisioningService service) {
        routes.get("/provision/<path>", ctx -> serve(ctx, service, false));
        routes.head("/provision/<path>", ctx -> serve(ctx, service, true));
    }

    private static void serve(Context ctx, ProvisioningService service, boolean head) throws IOException {
        String path = ctx.pathParam("path");
        String transport = "https".equalsIgnoreCase(ctx.scheme()) ? "https" : "http";
        ProvisioningService.Response r;
        if (path.indexOf('/') >= 0 && !FIRMWARE.matcher(path).matches()) {
            r = service.serve(new ProvisioningService.Request("/", Optional.empty(), InetAddress.getByName(ctx.ip()), transport));
        } else {
            r = service.serve(new ProvisioningService.Request(path, Optional.ofNullable(ctx.header("User-Agent")),
                    InetAddress.getByName(ctx.ip()), transport));
        }
        ctx.status(r.status());
        ctx.contentType(r.contentType());
        ctx.header("Cache-Control", "no-store");
        r.etag().ifPresent(e -> ctx.header("ETag", e));
        if (r.status() == 200 && r.etag().isPresent() && r.etag().get().equals(ctx.header("If-None-Match"))) {
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

package org.endpointmanager.vendor.grandstream.driver;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.endpointmanager.api.driver.DriverException;
import org.endpointmanager.api.driver.DriverFailure;

/**
 * A firmware URL as the phone's settings take it: P192 is the server path without scheme (the
 * phone appends its own image name, such as {@code gxp2170fw.bin}), P212 the protocol (0 TFTP,
 * 1 HTTP, 2 HTTPS). A URL naming a {@code .bin} file points at its directory.
 */
final class FirmwarePath {

    private FirmwarePath() {
    }

    static Map<String, String> pvalues(String firmwareUrl) {
        URI uri;
        try {
            uri = URI.create(firmwareUrl.strip());
        } catch (IllegalArgumentException e) {
            throw new DriverException(DriverFailure.REJECTED, "firmware URL is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String protocol = switch (scheme) {
            case "tftp" -> "0";
            case "http" -> "1";
            case "https" -> "2";
            default -> throw new DriverException(DriverFailure.REJECTED, "firmware URL must be http, https or tftp");
        };
        if (uri.getRawAuthority() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new DriverException(DriverFailure.REJECTED, "firmware URL must name a host and no query");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.toLowerCase(Locale.ROOT).endsWith(".bin")) {
            path = path.substring(0, path.lastIndexOf('/') + 1);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String server = uri.getRawAuthority() + path;
        if (server.length() > 255 || !server.matches("[A-Za-z0-9._~:/%\\-\\[\\]]+")) {
            throw new DriverException(DriverFailure.REJECTED, "firmware URL has characters the phone cannot take");
        }
        return CgiClient.form("P192", server, "P212", protocol);
    }
}

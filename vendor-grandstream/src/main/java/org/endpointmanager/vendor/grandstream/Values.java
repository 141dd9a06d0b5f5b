package org.endpointmanager.vendor.grandstream;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** Small conversions shared by the generators: flattening values and splitting URLs into P-code paths. */
final class Values {

    /** Values longer than this are cut: no P-code value on these phones is anywhere near it. */
    static final int MAX_VALUE_LENGTH = 1024;

    private Values() {
    }

    /**
     * One line of text: control characters and Unicode line separators become spaces, so a value
     * cannot span lines on phones that read the XML loosely; bounded in length.
     */
    static String flat(String value) {
        StringBuilder b = new StringBuilder(Math.min(value.length(), MAX_VALUE_LENGTH));
        for (int i = 0; i < value.length() && b.length() < MAX_VALUE_LENGTH; i++) {
            char c = value.charAt(i);
            b.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
        }
        return b.toString();
    }

    /** The scheme of a URL in lower case, or empty. */
    static Optional<String> scheme(String url) {
        int colon = url.indexOf("://");
        if (colon <= 0) {
            return Optional.empty();
        }
        String s = url.substring(0, colon).toLowerCase(Locale.ROOT);
        return s.matches("[a-z][a-z0-9+.-]{0,15}") ? Optional.of(s) : Optional.empty();
    }

    /** Grandstream's "upgrade via" number for a scheme: 0 TFTP, 1 HTTP, 2 HTTPS. */
    static Optional<String> protocolCode(String url) {
        return scheme(url).flatMap(s -> switch (s) {
            case "tftp" -> Optional.of("0");
            case "http" -> Optional.of("1");
            case "https" -> Optional.of("2");
            default -> Optional.empty();
        });
    }

    /**
     * A URL as the phones want a server path: {@code host[:port]/path} without scheme, query,
     * fragment or user info, and without a trailing '/'.
     */
    static Optional<String> serverPath(String url) {
        Optional<String> scheme = scheme(url);
        if (scheme.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
        if (uri.getHost() == null) {
            return Optional.empty();
        }
        String host = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return Optional.of(host + path);
    }

    /** Like {@link #serverPath(String)} but dropping the last segment when it names a file. */
    static Optional<String> directoryPath(String url) {
        return serverPath(url).map(p -> {
            int slash = p.lastIndexOf('/');
            if (slash > 0 && p.substring(slash + 1).contains(".")) {
                return p.substring(0, slash);
            }
            return p;
        });
    }
}

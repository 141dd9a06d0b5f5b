package org.endpointmanager.vendor.yealink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The built-in Mustache templates shipped in this jar. */
final class YealinkTemplates {

    static final String DEVICE = load("device.cfg.mustache");
    static final String BOOT = load("boot.mustache");

    private YealinkTemplates() {
    }

    static String load(String name) {
        try (InputStream in = YealinkTemplates.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("vendor-yealink jar lacks resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.endpointmanager.vendor.fanvil;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Templates shipped in this jar. */
final class FanvilResources {

    static final String TEXT = load("text.mustache");
    static final String SYSCONF = load("sysconf.xml.mustache");
    static final String FIRMWARE = load("firmware.txt.mustache");

    private FanvilResources() {
    }

    static String load(String name) {
        try (InputStream in = FanvilResources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("vendor-fanvil jar lacks resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.endpointmanager.vendor.snom;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the text resources shipped in the jar. */
final class SnomResources {
    private SnomResources() {
    }

    /** The whole resource as UTF-8 text. */
    static String text(String name) {
        try (InputStream in = SnomResources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource missing from the vendor-snom jar: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read resource " + name, e);
        }
    }

    /** The non-blank, non-comment lines of a resource, each split on runs of blanks. */
    static List<String[]> records(String name) {
        List<String[]> out = new ArrayList<>();
        for (String line : text(name).split("\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                out.add(t.split("\\s+"));
            }
        }
        return out;
    }
}

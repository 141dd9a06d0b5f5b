package org.endpointmanager.vendor.yealink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test helpers: reading Yealink {@code key = value} files and golden files. */
final class YealinkFiles {

    private YealinkFiles() {
    }

    /** Every {@code key = value} line as key to value; comments and directives are skipped. */
    static Map<String, String> read(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            int eq = line.indexOf(" = ");
            if (line.startsWith("#") || eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq);
            if (out.put(key, line.substring(eq + 3)) != null) {
                throw new AssertionError("key written twice: " + key);
            }
        }
        return out;
    }

    static String golden(String name) {
        try (InputStream in = YealinkFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new AssertionError("missing golden file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

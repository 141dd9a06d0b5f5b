package org.endpointmanager.vendor.htek;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.endpointmanager.api.profile.ZoneSummary;

/**
 * The index tables Htek uses instead of names: time zones (P64) and languages (P8621/P2525).
 * Both ship as resources because their values are unconfirmed and must be correctable as data.
 */
final class HtekTables {

    private final Map<String, String> zones = new HashMap<>();
    private final Map<String, String> offsets = new HashMap<>();
    private final Map<String, String> languages = new HashMap<>();

    HtekTables(String resourceDir) {
        for (String[] row : rows(resourceDir + "timezones.txt", 3)) {
            (row[0].equals("zone") ? zones : offsets).put(row[1], row[2]);
        }
        for (String[] row : rows(resourceDir + "languages.txt", 2)) {
            languages.put(row[0], row[1]);
        }
    }

    /** The P64 index of a zone: an explicit zone entry first, then its standard offset. */
    Optional<String> timeZoneIndex(ZoneSummary zone) {
        String byZone = zones.get(zone.zone().getId());
        if (byZone != null) {
            return Optional.of(byZone);
        }
        return Optional.ofNullable(offsets.get(zone.standardOffsetText()));
    }

    Optional<String> languageIndex(String isoCode) {
        return Optional.ofNullable(languages.get(isoCode));
    }

    private static Iterable<String[]> rows(String resource, int columns) {
        java.util.List<String[]> out = new java.util.ArrayList<>();
        try (InputStream in = HtekTables.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource missing: " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = r.readLine()) != null) {
                number++;
                int hash = line.indexOf('#');
                String text = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (text.isEmpty()) {
                    continue;
                }
                String[] parts = text.split("\\s+");
                if (parts.length != columns) {
                    throw new IllegalStateException(resource + " line " + number + ": expected " + columns + " columns");
                }
                out.add(parts);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return out;
    }
}

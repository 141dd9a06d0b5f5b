package org.endpointmanager.core.control;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.endpointmanager.core.firmware.FirmwareRecord;

/**
 * Which firmware row carries a requested version for one phone: rows of the phone's vendor with
 * exactly that version, for its model (or vendor-wide) and its hardware revision (or any), the
 * most specific first and, within a rank, the most recently changed, as the repository's own
 * selection ranks them.
 */
final class FirmwareVersionChoice {

    private FirmwareVersionChoice() {
    }

    static Optional<FirmwareRecord> choose(List<FirmwareRecord> rows, String vendor, String version,
            Optional<String> model, Optional<String> hwRevision) {
        Optional<String> m = model.map(FirmwareVersionChoice::normaliseModel).filter(s -> !s.isEmpty());
        Optional<String> hw = hwRevision.map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty());
        return rows.stream()
                .filter(r -> r.vendor().equals(vendor) && r.version().strip().equals(version))
                .filter(r -> r.model().isEmpty() || m.isPresent() && normaliseModel(r.model().get()).equals(m.get()))
                .filter(r -> r.hwRevision().isEmpty()
                        || hw.isPresent() && r.hwRevision().get().strip().toLowerCase(Locale.ROOT).equals(hw.get()))
                .min(Comparator.comparingInt(FirmwareVersionChoice::rank)
                        .thenComparing(FirmwareRecord::updatedAt, Comparator.reverseOrder()));
    }

    private static int rank(FirmwareRecord r) {
        return (r.model().isPresent() ? 0 : 2) + (r.hwRevision().isPresent() ? 0 : 1);
    }

    /** As the repository compares models: no case, no {@code SIP-} prefix, no punctuation. */
    static String normaliseModel(String model) {
        String m = model.strip().toUpperCase(Locale.ROOT);
        if (m.startsWith("SIP-")) {
            m = m.substring(4);
        }
        return m.replaceAll("[^A-Z0-9]", "");
    }
}

package org.endpointmanager.core.control;

import java.util.List;
import java.util.Optional;
import org.endpointmanager.core.firmware.FirmwareRecord;
import org.endpointmanager.core.firmware.FirmwareRepository;

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
        return FirmwareRepository.best(rows.stream()
                .filter(r -> r.vendor().equals(vendor) && r.version().strip().equals(version)).toList(), model, hwRevision);
    }
}

package org.endpointmanager.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.Secret;

/** Records for store tests, with times already at millisecond precision (what the columns hold). */
final class Fixtures {
    static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123Z");

    private Fixtures() {
    }

    static String id() {
        return UUID.randomUUID().toString();
    }

    static DeviceRecord device(String mac, String vendor, String model, String label, String siteId,
            List<LineRecord> lines) {
        return new DeviceRecord(id(), MacAddress.parse(mac), vendor, model, label, siteId, Optional.empty(),
                Optional.of("192.0.2.10"), "{\"volume\":5}", "account.1.enable = 1\n", lines, T0, T0);
    }

    static DeviceRecord device(String mac, String label) {
        return device(mac, "yealink", "T46S", label, SiteRecord.DEFAULT_ID, List.of());
    }

    static LineRecord explicitLine(int index, String username, String password) {
        return new LineRecord(index, Optional.empty(), Optional.of(username), Optional.of(Secret.of(password)),
                Optional.of("203.0.113.10"), Optional.of(5060), Optional.of("Line " + index),
                Optional.of("John " + index));
    }

    static LineRecord extensionLine(int index, String extension) {
        return new LineRecord(index, Optional.of(extension), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    static SiteRecord site(String name, List<String> subnets) {
        return new SiteRecord(id(), name, subnets, Optional.empty(), T0, T0);
    }

    static TemplateRecord template(String name) {
        return new TemplateRecord(id(), name, Optional.of("yealink"), Optional.empty(), "{\"codec\":\"g722\"}",
                "", Optional.of("{{#lines}}{{/lines}}"), T0, T0);
    }

    static DeviceRecord withMac(DeviceRecord d, String mac) {
        return new DeviceRecord(d.id(), MacAddress.parse(mac), d.vendor(), d.model(), d.label(), d.siteId(),
                d.templateId(), d.ipAddress(), d.settingsJson(), d.rawParameters(), d.lines(), d.createdAt(),
                d.updatedAt());
    }

    static DeviceRecord withTemplate(DeviceRecord d, Optional<String> templateId) {
        return new DeviceRecord(d.id(), d.mac(), d.vendor(), d.model(), d.label(), d.siteId(), templateId,
                d.ipAddress(), d.settingsJson(), d.rawParameters(), d.lines(), d.createdAt(), d.updatedAt());
    }
}

package org.endpointmanager.core.vendor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.endpointmanager.api.vendor.FileKind;
import org.endpointmanager.api.vendor.RenderedFile;
import org.endpointmanager.api.vendor.VendorPlugin;
import org.endpointmanager.testkit.BootRequest;
import org.endpointmanager.testkit.VendorConformanceTest;
import org.endpointmanager.testkit.fixture.ExampleVendorPlugin;

/**
 * Runs the conformance kit on the testkit's made-up vendor: a vendor written against the SPI alone
 * passes with the real engine's template engine and nothing else from core.
 */
// docs:start conformance-test
class ExampleVendorConformanceTest extends VendorConformanceTest {

    private static final String UA = "ExamplePhone EP200 1.4.2 02e3a1000001";

    @Override
    protected VendorPlugin plugin() {
        return new ExampleVendorPlugin();
    }

    @Override
    protected List<BootRequest> bootRequests() {
        return List.of(
                BootRequest.of("example-common.cfg", UA, FileKind.COMMON),
                BootRequest.of("example-02e3a1000001.cfg", UA, FileKind.DEVICE, "02e3a1000001"));
    }

    @Override
    protected String fullProfileModel() {
        return "EP200";
    }

    @Override
    protected Map<String, String> documentedSettings() {
        return Map.of(
                "line.1.user", "1001",
                "line.2.server", "pbx.example.com:5060",
                "codecs", "pcmu,pcma,g722",
                "timezone", "CET-1CEST-2,M3.5.0/02:00:00,M10.5.0/03:00:00",
                "key.1.type", "blf",
                "resync.minutes", "1440");
    }

    @Override
    protected Map<String, String> readSettings(RenderedFile file) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : file.body().split("\n")) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }
}
// docs:end conformance-test

package org.endpointmanager.vendor.grandstream;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.endpointmanager.api.vendor.FileKind;
import org.endpointmanager.api.vendor.RenderedFile;
import org.endpointmanager.api.vendor.VendorPlugin;
import org.endpointmanager.testkit.BootRequest;
import org.endpointmanager.testkit.VendorConformanceTest;

class GrandstreamConformanceTest extends VendorConformanceTest {

    static final String GXP2135 = "Grandstream Model HW GXP2135 SW 1.0.7.97 DevId 000b828aa872";
    static final String GXV3350 = "Grandstream Model HW GXV3350 V1.3A SW 1.0.1.8 DevId c074ad150b88";
    static final String GXP2000 = "Grandstream GXP2000 (gxp2000e.bin:1.2.5.3/boot55e.bin:1.1.6.9) DevId 000b822726c8";

    private final GrandstreamVendorPlugin plugin = new GrandstreamVendorPlugin();

    @Override
    protected VendorPlugin plugin() {
        return plugin;
    }

    @Override
    protected List<BootRequest> bootRequests() {
        return List.of(
                BootRequest.of("cfg000b828aa872", GXP2135, FileKind.NOT_SERVED, "000b828aa872"),
                BootRequest.of("cfg000b828aa872.xml", GXP2135, FileKind.DEVICE, "000b828aa872"),
                BootRequest.of("cfggxp2135.xml", GXP2135, FileKind.COMMON),
                BootRequest.of("cfg.xml", GXP2135, FileKind.COMMON),
                BootRequest.of("cfgc074ad150b88.xml", GXV3350, FileKind.DEVICE, "c074ad150b88"),
                BootRequest.of("cfggxv3350.xml", GXV3350, FileKind.COMMON),
                BootRequest.of("cfg000b822726c8.xml", GXP2000, FileKind.DEVICE, "000b822726c8"),
                BootRequest.of("phonebook.xml", GXP2135, FileKind.PHONEBOOK));
    }

    @Override
    protected String fullProfileModel() {
        return "GXP2170";
    }

    /** Copied from reference/vendors.md section 3 for Profiles.full(). */
    @Override
    protected Map<String, String> documentedSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("P271", "1");
        m.put("P3", "Alice Example");
        m.put("P35", "1001");
        m.put("P36", "1001");
        m.put("P34", "s3cret-1001");
        m.put("P130", "0");
        m.put("P401", "1");
        m.put("P404", "1002");
        m.put("P406", "s3cret-1002");
        m.put("P407", "Bob Example");
        m.put("P57", "0");
        m.put("P58", "8");
        m.put("P59", "9");
        m.put("P2302", "1");
        m.put("P33", "*97");
        m.put("P30", "pool.ntp.org");
        m.put("P64", "CET-1CEST-2,M3.5.0/02:00:00,M10.5.0/03:00:00");
        m.put("P51", "20");
        m.put("P87", "5");
        m.put("P323", "1");
        m.put("P303", "1003");
        m.put("P324", "1");
        m.put("P306", "1004");
        m.put("P2", "adm1n-pw");
        m.put("P330", "1");
        m.put("P331", "prov.example.com/provision");
        m.put("P192", "prov.example.com/firmware");
        m.put("P212", "1");
        m.put("P26015", "1");
        m.put("P4428", "0");
        return m;
    }

    @Override
    protected Map<String, String> readSettings(RenderedFile file) {
        return GrandstreamFiles.read(file);
    }
}

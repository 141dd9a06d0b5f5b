package org.endpointmanager.vendor.htek;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.endpointmanager.api.vendor.FileKind;
import org.endpointmanager.api.vendor.RenderedFile;
import org.endpointmanager.api.vendor.VendorPlugin;
import org.endpointmanager.testkit.BootRequest;
import org.endpointmanager.testkit.VendorConformanceTest;

class HtekConformanceTest extends VendorConformanceTest {

    static final String UC903 = "Htek UC903 2.0.4.2 00:1f:c1:1c:22:a9";
    static final String UC924 = "Htek UC924 2.0.4.4.46 001fc1a1b2c3";

    private final HtekVendorPlugin plugin = new HtekVendorPlugin();

    @Override
    protected VendorPlugin plugin() {
        return plugin;
    }

    @Override
    protected List<BootRequest> bootRequests() {
        return List.of(
                BootRequest.of("cfg0016.xml", UC903, FileKind.COMMON),
                BootRequest.of("cfg001fc11c22a9", UC903, FileKind.NOT_SERVED, "001fc11c22a9"),
                BootRequest.of("cfg001fc11c22a9.xml", UC903, FileKind.DEVICE, "001fc11c22a9"),
                BootRequest.of("001fc11c22a9.cfg", UC903, FileKind.DEVICE, "001fc11c22a9"),
                BootRequest.of("cfg0012.xml", UC924, FileKind.COMMON),
                BootRequest.of("htek-phonebook.xml", UC903, FileKind.PHONEBOOK));
    }

    @Override
    protected String fullProfileModel() {
        return "UC924";
    }

    /** Copied from reference/vendors.md section 5 for Profiles.full(). */
    @Override
    protected Map<String, String> documentedSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("P271", "1");
        m.put("P20000", "Alice Example");
        m.put("P3", "Alice Example");
        m.put("P35", "1001");
        m.put("P34", "s3cret-1001");
        m.put("P130", "0");
        m.put("P401", "1");
        m.put("P20001", "Bob Example");
        m.put("P735", "1002");
        m.put("P734", "s3cret-1002");
        m.put("P703", "Bob Example");
        m.put("P57", "0");
        m.put("P58", "8");
        m.put("P59", "9");
        m.put("P20166", "0");
        m.put("P33", "*97");
        m.put("P30", "pool.ntp.org");
        m.put("P8622", "time.example.net");
        m.put("P75", "1");
        m.put("P24053", "1");
        m.put("P51", "20");
        m.put("P87", "5");
        m.put("P41200", "3");
        m.put("P41300", "1003");
        m.put("P41400", "Carol");
        m.put("P41203", "3");
        m.put("P41303", "1006");
        m.put("P2", "adm1n-pw");
        m.put("P4401", "http://prov.example.com/provision/phonebook.xml");
        m.put("P24012", "1");
        return m;
    }

    @Override
    protected Map<String, String> readSettings(RenderedFile file) {
        return HtekFiles.read(file);
    }
}

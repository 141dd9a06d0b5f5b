package org.endpointmanager.vendor.snom;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.endpointmanager.api.vendor.FileKind;
import org.endpointmanager.api.vendor.RenderedFile;
import org.endpointmanager.api.vendor.VendorPlugin;
import org.endpointmanager.testkit.BootRequest;
import org.endpointmanager.testkit.Profiles;
import org.endpointmanager.testkit.VendorConformanceTest;

/** The shared conformance checks, run against the Snom plug-in. */
class SnomConformanceTest extends VendorConformanceTest {

    static final String UA_D785 = "Mozilla/4.0 (compatible; snomD785-SIP 10.1.169.16 2010.12-00001-gd311851f1 "
            + "(Feb 25 2019 - 14:19:43) 00041396D9B4 SXM:0 UXM:0 UXMC:0)";
    static final String UA_710_OLD = "Mozilla/4.0 (compatible; snom710-SIP 8.7.3.19 1.1.5-IFX-05.01.12)";
    static final String UA_710 = "Mozilla/4.0 (compatible; snom710-SIP 8.7.5.35 1.1.5-IFX-05.01.12 000413741767)";

    private final SnomVendorPlugin plugin = new SnomVendorPlugin();

    @Override
    protected VendorPlugin plugin() {
        return plugin;
    }

    @Override
    protected List<BootRequest> bootRequests() {
        return List.of(
                BootRequest.of("snomD785.htm", UA_D785, FileKind.COMMON),
                BootRequest.of("snomD785-00041396D9B4.htm", UA_D785, FileKind.BOOT, "00041396D9B4"),
                BootRequest.of("00041396D9B4.xml", UA_D785, FileKind.DEVICE, "00041396D9B4"),
                BootRequest.of("snomD345.htm", UA_D785, FileKind.COMMON),
                BootRequest.of("snomD345-000413A11FA7.htm", UA_D785, FileKind.BOOT, "000413A11FA7"),
                BootRequest.of("snom710.htm", UA_710_OLD, FileKind.COMMON),
                BootRequest.of("snom710-000413741767.htm", UA_710, FileKind.BOOT, "000413741767"),
                BootRequest.of("000413741767.xml", UA_710, FileKind.DEVICE, "000413741767"));
    }

    @Override
    protected String fullProfileModel() {
        return "D785";
    }

    /** Keys and values as reference/vendors.md section 4 names them. */
    @Override
    protected Map<String, String> documentedSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("user_active[1]", "on");
        m.put("user_realname[1]", "Alice Example");
        m.put("user_name[1]", "1001");
        m.put("user_pname[1]", "1001");
        m.put("user_pass[1]", Profiles.LINE1_PASSWORD);
        m.put("user_host[1]", "pbx.example.com");
        m.put("user_name[2]", "1002");
        m.put("user_pass[2]", Profiles.LINE2_PASSWORD);
        m.put("user_mailbox[1]", "*97");
        m.put("ntp_server", "pool.ntp.org");
        m.put("timezone", "GER+1");
        m.put("vlan_id", "20");
        m.put("vlan_qos", "5");
        m.put("admin_mode_password", Profiles.ADMIN_PASSWORD);
        m.put("settings_refresh_timer", "86400");
        m.put("dkey_directory", "url " + Profiles.PHONEBOOK_URL);
        m.put("firmware", Profiles.FIRMWARE_URL);
        m.put("fkey[0]", "blf sip:1003@pbx.example.com|*8");
        return m;
    }

    @Override
    protected Map<String, String> readSettings(RenderedFile file) {
        return SnomFiles.settings(file.body());
    }
}

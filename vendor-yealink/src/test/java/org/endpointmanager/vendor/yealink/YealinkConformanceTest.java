package org.endpointmanager.vendor.yealink;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.endpointmanager.api.vendor.FileKind;
import org.endpointmanager.api.vendor.RenderedFile;
import org.endpointmanager.api.vendor.VendorPlugin;
import org.endpointmanager.testkit.BootRequest;
import org.endpointmanager.testkit.Profiles;
import org.endpointmanager.testkit.VendorConformanceTest;

/** The conformance kit on the Yealink plug-in, with requests and keys from reference/vendors.md. */
class YealinkConformanceTest extends VendorConformanceTest {

    private static final String T46G = "Yealink SIP-T46G 28.83.0.50 00:15:65:4f:9e:10";
    private static final String T56A = "Yealink SIP-T56A 58.80.0.25 001565f429a4";
    private static final String T77U = "Yealink SIP-T77U 185.87.0.10 44:db:d2:bd:b5:69";
    private static final String W90 = "Yealink W90DM 130.87.0.10 80:5e:c0:d9:c7:44";

    @Override
    protected VendorPlugin plugin() {
        return new YealinkVendorPlugin();
    }

    // docs:start boot-requests
    @Override
    protected List<BootRequest> bootRequests() {
        return List.of(
                BootRequest.of("y000000000000.boot", T46G, FileKind.BOOT),
                BootRequest.of("0015654f9e10.boot", T46G, FileKind.BOOT, "00:15:65:4f:9e:10"),
                BootRequest.of("y000000000028.cfg", T46G, FileKind.COMMON),
                BootRequest.of("0015654f9e10.cfg", T46G, FileKind.DEVICE, "0015654f9e10"),
                BootRequest.of("0015654f9e10-local.cfg", T46G, FileKind.NOT_SERVED, "0015654f9e10"),
                BootRequest.of("y000000000058.cfg", T56A, FileKind.COMMON),
                BootRequest.of("001565f429a4.cfg", T56A, FileKind.DEVICE, "001565f429a4"),
                BootRequest.of("44dbd2bdb569.boot", T77U, FileKind.BOOT, "44dbd2bdb569"),
                BootRequest.of("y000000000188.cfg", T77U, FileKind.COMMON),
                BootRequest.of("805ec0d9c744.cfg", W90, FileKind.DEVICE, "805ec0d9c744"),
                BootRequest.of("y000000000146.cfg", "Yealink W70B 146.85.0.20 80:5e:c0:11:22:33", FileKind.COMMON),
                BootRequest.of("y000000000000.boot", "Yealink SIP VP-T49G 51.80.0.10 00:15:65:12:34:56", FileKind.BOOT));
    }
    // docs:end boot-requests

    @Override
    protected String fullProfileModel() {
        return "T46S";
    }

    @Override
    protected Map<String, String> documentedSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("account.1.enable", "1");
        m.put("account.1.user_name", "1001");
        m.put("account.1.auth_name", "1001");
        m.put("account.1.password", "s3cret-1001");
        m.put("account.1.display_name", "Alice Example");
        m.put("account.1.sip_server.1.address", "pbx.example.com");
        m.put("account.1.sip_server.1.port", "5060");
        m.put("account.1.sip_server.1.transport_type", "0");
        m.put("account.2.user_name", "1002");
        m.put("account.2.password", "s3cret-1002");
        m.put("account.1.codec.pcmu.enable", "1");
        m.put("account.1.codec.pcma.enable", "1");
        m.put("account.1.codec.g722.enable", "1");
        m.put("account.1.dtmf.type", "1");
        m.put("voice_mail.number.1", "*97");
        m.put("local_time.ntp_server1", "pool.ntp.org");
        m.put("local_time.ntp_server2", "time.example.net");
        m.put("local_time.time_zone", "+1");
        m.put("static.network.vlan.internet_port_enable", "1");
        m.put("static.network.vlan.internet_port_vid", "20");
        m.put("static.network.vlan.internet_port_priority", "5");
        m.put("features.dnd.enable", "0");
        m.put("linekey.1.type", "16");
        m.put("linekey.1.value", "1003");
        m.put("linekey.1.line", "1");
        m.put("linekey.1.extension", "*8");
        m.put("linekey.4.value", "1006");
        m.put("static.firmware.url", Profiles.FIRMWARE_URL);
        m.put("static.security.user_password", "admin:adm1n-pw");
        m.put("remote_phonebook.data.1.url", Profiles.PHONEBOOK_URL);
        m.put("lang.gui", "English");
        m.put("static.auto_provision.repeat.enable", "1");
        m.put("static.auto_provision.repeat.minutes", "1440");
        m.put("sip.notify_reboot_enable", "0");
        return m;
    }

    @Override
    protected Map<String, String> readSettings(RenderedFile file) {
        return YealinkFiles.read(file.body());
    }
}

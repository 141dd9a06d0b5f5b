package org.endpointmanager.vendor.fanvil;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.endpointmanager.api.vendor.FileKind;
import org.endpointmanager.api.vendor.RenderedFile;
import org.endpointmanager.api.vendor.VendorPlugin;
import org.endpointmanager.testkit.BootRequest;
import org.endpointmanager.testkit.Profiles;
import org.endpointmanager.testkit.VendorConformanceTest;

/** The conformance kit on Fanvil's text dialect (X4), with names from reference/vendors.md. */
class FanvilTextConformanceTest extends VendorConformanceTest {

    static final String X4 = "Fanvil X4 2.10.2.6887 0c383e07e16c";
    static final String X6U_PRO = "Fanvil X6U Pro 0.0.10 0c383e2cd782";
    static final String X5U_V2 = "Fanvil X5U-V2 2.12.16.17 0c383e557eb1";

    @Override
    protected VendorPlugin plugin() {
        return new FanvilVendorPlugin();
    }

    @Override
    protected List<BootRequest> bootRequests() {
        return List.of(
                BootRequest.of("f0X4hw1.100.cfg", X4, FileKind.COMMON),
                BootRequest.of("0c383e07e16c.cfg", X4, FileKind.DEVICE, "0c383e07e16c"),
                BootRequest.of("fanvil_x4_hwv1_0.txt", X4, FileKind.FIRMWARE),
                BootRequest.of("F0V00X300000.cfg", "Fanvil X3 2.4.0 0c383e112233", FileKind.COMMON),
                BootRequest.of("F0V5UV200000.cfg", X5U_V2, FileKind.COMMON),
                BootRequest.of("0c383e557eb1.cfg", X5U_V2, FileKind.DEVICE, "0c383e557eb1"),
                BootRequest.of("0c383e2cd782.cfg", X6U_PRO, FileKind.DEVICE, "0c383e2cd782"),
                BootRequest.of("F0V0V6400000.cfg", "Fanvil V64 2.12.3 0c383e445566", FileKind.COMMON),
                BootRequest.of("F0V10S00000.cfg", "Fanvil i10S 2.12.1 00a859010203", FileKind.COMMON),
                BootRequest.of("F0V610W00000.cfg", "Fanvil W610W 2.4.2 00a859040506", FileKind.COMMON),
                BootRequest.of("f0C00620000.cfg", "Fanvil C62 2.3.1 0c383e778899", FileKind.COMMON));
    }

    @Override
    protected String fullProfileModel() {
        return "X4";
    }

    @Override
    protected Map<String, String> documentedSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("SIP1 Enable Reg", "1");
        m.put("SIP1 Display Name", "Alice Example");
        m.put("SIP1 Phone Number", "1001");
        m.put("SIP1 Sip Name", "1001");
        m.put("SIP1 Register User", "1001");
        m.put("SIP1 Register Pswd", "s3cret-1001");
        m.put("SIP1 Register Addr", "pbx.example.com");
        m.put("SIP1 Register Port", "5060");
        m.put("SIP1 Transport", "0");
        m.put("SIP2 Phone Number", "1002");
        m.put("SIP2 Register Pswd", "s3cret-1002");
        m.put("SIP1 VoiceCodecMap", "PCMU,PCMA,G722");
        m.put("SIP1 DTMF Mode", "1");
        m.put("SIP1 MWI Num", "*97");
        m.put("SIP1 Enable DND", "0");
        m.put("Enable VLAN", "1");
        m.put("VLAN ID", "20");
        m.put("Fkey1 Type", "1");
        m.put("Fkey1 Value", "1003@1/ba");
        m.put("Fkey1 Title", "Carol");
        m.put("Account1 Name", "admin");
        m.put("Account1 Password", "adm1n-pw");
        m.put("XML-PBook1 Addr", Profiles.PHONEBOOK_URL);
        m.put("App URL", Profiles.FIRMWARE_URL);
        m.put("PNP Enable", "0");
        return m;
    }

    @Override
    protected Map<String, String> readSettings(RenderedFile file) {
        return FanvilFiles.readText(file.body());
    }
}

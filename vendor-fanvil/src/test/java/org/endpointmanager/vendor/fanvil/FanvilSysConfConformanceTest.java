package org.endpointmanager.vendor.fanvil;

import java.util.LinkedHashMap;
import java.util.Map;
import org.endpointmanager.api.vendor.ConfigSyntax;
import org.endpointmanager.api.vendor.RenderedFile;
import org.endpointmanager.testkit.Profiles;

/** The conformance kit on Fanvil's {@code <sysConf>} dialect (X5U-V2). */
class FanvilSysConfConformanceTest extends FanvilTextConformanceTest {

    @Override
    protected String fullProfileModel() {
        return "X5U-V2";
    }

    @Override
    protected Map<String, String> documentedSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sip/line[1]/EnableReg", "1");
        m.put("sip/line[1]/DisplayName", "Alice Example");
        m.put("sip/line[1]/PhoneNumber", "1001");
        m.put("sip/line[1]/SipName", "1001");
        m.put("sip/line[1]/RegisterUser", "1001");
        m.put("sip/line[1]/RegisterPswd", "s3cret-1001");
        m.put("sip/line[1]/RegisterAddr", "pbx.example.com");
        m.put("sip/line[1]/RegisterPort", "5060");
        m.put("sip/line[1]/Transport", "0");
        m.put("sip/line[1]/VoiceCodecMap", "PCMU,PCMA,G722");
        m.put("sip/line[1]/DTMFMode", "1");
        m.put("sip/line[1]/MWINum", "*97");
        m.put("sip/line[1]/EnableDND", "0");
        m.put("sip/line[2]/PhoneNumber", "1002");
        m.put("phone/date/SNTPServer", "pool.ntp.org");
        m.put("phone/date/SecondSNTPServer", "time.example.net");
        m.put("phone/date/EnableSNTP", "1");
        m.put("phone/date/TimeZone", "4");
        m.put("phone/date/EnableDST", "1");
        m.put("phone/display/DefaultLanguage", "en");
        m.put("phone/xmlContact[1]/Addr", Profiles.PHONEBOOK_URL);
        m.put("qos/EnableVLAN", "1");
        m.put("qos/VLANID", "20");
        m.put("dsskey/dssSide[1]/Fkey[1]/Type", "1");
        m.put("dsskey/dssSide[1]/Fkey[1]/Value", "1003@1/ba");
        m.put("dsskey/dssSide[1]/Fkey[1]/Title", "Carol");
        m.put("web/account[1]/Name", "admin");
        m.put("web/account[1]/Password", "adm1n-pw");
        m.put("ap/pnp/PNPEnable", "0");
        m.put("fwCheck/EnableAutoUpgrade", "1");
        return m;
    }

    @Override
    protected Map<String, String> readSettings(RenderedFile file) {
        return file.syntax() == ConfigSyntax.XML ? FanvilFiles.readSysConf(file.body()) : FanvilFiles.readText(file.body());
    }
}

package org.endpointmanager.vendor.snom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.endpointmanager.api.vendor.RawParameter;
import org.endpointmanager.api.vendor.RawParameters;
import org.endpointmanager.testkit.Profiles;
import org.junit.jupiter.api.Test;

class SnomRawParametersTest {

    private static String render(RawParameters raw) {
        return SnomTestSupport.render("000413A11FA7.xml", Profiles.full(), "D785", raw, Optional.empty()).body();
    }

    private static RawParameters phone(RawParameter... params) {
        return new RawParameters(Map.of("snom-phone-settings", List.of(params)));
    }

    @Test
    void indexedKeyReplacesOneIdentitysSettingInPlace() {
        String body = render(phone(new RawParameter("user_srtp[2]", "on")));
        Map<String, String> s = SnomFiles.settings(body);
        assertEquals("off", s.get("user_srtp[1]"));
        assertEquals("on", s.get("user_srtp[2]"));
        assertTrue(body.contains("<user_srtp idx=\"2\" perm=\"RW\">on</user_srtp>\n        <user_mailbox idx=\"2\""), body);
    }

    @Test
    void plainKeyReplacesTheUnindexedSettingKeepingItsPermission() {
        String body = render(phone(new RawParameter("ntp_server", "ntp.example.org")));
        assertTrue(body.contains("<ntp_server perm=\"R\">ntp.example.org</ntp_server>"), body);
        assertEquals(1, body.split("<ntp_server").length - 1);
    }

    @Test
    void newKeysAreAppendedInTheirSection() {
        String body = render(new RawParameters(Map.of(
                "snom", List.of(new RawParameter("tbook_enabled", "x")),
                "snom-phone-settings", List.of(new RawParameter("user_srtp[5]", "on"),
                        new RawParameter("dialplan_active", "<on>")))));
        assertTrue(body.contains("<tbook_enabled perm=\"RW\">x</tbook_enabled>\n    <phone-settings>"), body);
        assertTrue(body.contains("<user_srtp idx=\"5\" perm=\"RW\">on</user_srtp>\n"
                + "        <dialplan_active perm=\"RW\">&lt;on&gt;</dialplan_active>\n    </phone-settings>"), body);
    }

    @Test
    void badKeysAreRefusedByName() {
        for (String key : List.of("bad key", "a><b", "user_pass[x]", "user_pass[1000]", "1abc", "-x", "", "x".repeat(100))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> render(phone(new RawParameter(key, "v"))), key);
            assertTrue(e.getMessage().contains("snom-phone-settings"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> render(new RawParameters(Map.of("snom", List.of(new RawParameter("x y", "v"))))));
        assertTrue(e.getMessage().contains("'x y'"), e.getMessage());
    }

    @Test
    void customTemplateRendersTheSameScope() {
        String template = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<settings><phone-settings>"
                + "{{#phone}}<{{name}}{{#hasIdx}} idx=\"{{idx}}\"{{/hasIdx}} perm=\"{{perm}}\">{{value}}</{{name}}>{{/phone}}"
                + "<setting_server perm=\"R\">{{provisioningBaseUrl}}{{mac}}.xml</setting_server>"
                + "</phone-settings></settings>";
        String body = SnomTestSupport.render("000413A11FA7.xml", Profiles.full(), "D785",
                phone(new RawParameter("user_srtp[1]", "on")), Optional.of(template)).body();
        Map<String, String> s = SnomFiles.settings(body);
        assertEquals("1001", s.get("user_name[1]"));
        assertEquals("on", s.get("user_srtp[1]"));
        assertTrue(body.contains("000413A11FA7.xml</setting_server>"), body);
    }
}
